import express, { type Request, type Response } from 'express';
import { isUuid, serviceLogger, type Identity } from '@civic/shared';
import { GraphRefused, type AskGraph } from '../openData/askGraph';
import type { Vocabulary } from '../openData/vocabulary';
import { open311Requests, type RequestQuery } from './requests';
import { open311Services } from './services';

const logger = serviceLogger('gateway');

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint's list of services last changed (discovery's `changeset`). */
const CHANGESET = '2026-12-02 00:00';
/** "may not span more than 90 days"; "the range defaults to most recent 90 days" */
const WINDOW_MS = 90 * 24 * 3600 * 1000;
/** W3C date-time with a required zone (Z or ±HH:MM), as GeoReport v2 requires. */
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** GeoReport v2's error answer: a list of `{code, description}` with the HTTP status. */
class Open311Error extends Error {
  constructor(
    readonly status: number,
    description: string,
  ) {
    super(description);
  }
}

/** The graph's error codes as GeoReport's HTTP statuses: 404 for what does not exist, 403 for the api key, else 400. */
const STATUS_OF_CODE: Record<string, number> = { NOT_FOUND: 404, UNAUTHENTICATED: 403, FORBIDDEN: 403 };

const list = (value: unknown): string[] | null => {
  const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : '';
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : null;
};

/** `name.json` → name; any other format is refused (this endpoint speaks JSON only, as discovery says). */
function jsonName(file: string): string {
  if (!file.endsWith('.json')) throw new Open311Error(400, 'only the json format is served: append .json');
  return file.slice(0, -'.json'.length);
}

function dateArg(query: Record<string, unknown>, name: string): string | null {
  const value = query[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !W3C.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Open311Error(400, `${name} must be a w3 date-time with a time zone, e.g. 2026-11-01T00:00:00+08:00`);
  }
  return new Date(value).toISOString();
}

/** start_date/end_date: the most recent 90 days unless said, never more than 90 days. */
function window(query: Record<string, unknown>, now: number) {
  const start = dateArg(query, 'start_date');
  const end = dateArg(query, 'end_date');
  const to = end ? Date.parse(end) : start ? Math.min(Date.parse(start) + WINDOW_MS, Math.max(now, Date.parse(start))) : now;
  const from = start ? Date.parse(start) : to - WINDOW_MS;
  if (from > to) throw new Open311Error(400, 'start_date is after end_date');
  if (to - from > WINDOW_MS) throw new Open311Error(400, 'start_date and end_date may not span more than 90 days');
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/**
 * Open311 GeoReport v2 at /open311/v2/, in JSON: discovery, the service list and
 * definitions, service requests to read (public fields only, as an anonymous
 * caller) and to place (with the caller's token as the api key, through the
 * graph's own mutations, so the write path's roles, rules and idempotency apply).
 */
export function open311Router(
  words: Vocabulary,
  askGraph: (res: Response, identity?: Identity) => AskGraph,
  authenticate: (authorization: string | undefined) => Promise<Identity>,
) {
  const catalogue = open311Services(words);
  const requests = open311Requests(words, catalogue);
  const router = express.Router();

  const handle = (run: (req: Request, res: Response) => Promise<unknown>) => async (req: Request, res: Response) => {
    try {
      res.json(await run(req, res));
    } catch (error) {
      if (error instanceof Open311Error) {
        res.status(error.status).json([{ code: error.status, description: error.message }]);
        return;
      }
      if (error instanceof GraphRefused) {
        const status = STATUS_OF_CODE[error.code] ?? 400;
        if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error }, 'Open311: the graph failed a question the REST layer asked');
        res.status(status).json(error.errors.map((e) => ({ code: status, description: `${e.code}: ${e.message}` })));
        return;
      }
      throw error;
    }
  };

  router.get(
    '/discovery.json',
    handle(async (req) => ({
      changeset: CHANGESET,
      contact: 'Fujian civil-affairs offices: ask the office of your district',
      key_service: 'The api key is a civic graph token (Authorization: Bearer …), issued by the identity provider; `npm run token` in development',
      endpoints: [
        {
          specification: SPECIFICATION,
          url: `${req.protocol}://${req.get('host')}/open311/v2`,
          changeset: CHANGESET,
          type: 'production',
          formats: ['application/json'],
        },
      ],
    })),
  );

  router.get(
    '/services.json',
    handle(async () => catalogue.list()),
  );

  router.get(
    '/services/:file',
    handle(async (req) => {
      const code = jsonName(req.params.file as string);
      const definition = catalogue.definition(code);
      if (!definition) throw new Open311Error(404, `service_code ${code} was not found`);
      return definition;
    }),
  );

  router.get(
    '/requests.json',
    handle(async (req, res) => {
      const query = req.query as Record<string, unknown>;
      const ids = list(query.service_request_id);
      let asked: RequestQuery;
      if (ids) {
        // "This overrides all other arguments"; an id that is no UUID names no request here.
        asked = { ids: ids.filter(isUuid).map((id) => id.toLowerCase()), codes: null, statuses: null, from: null, to: null };
      } else {
        const codes = list(query.service_code);
        const unknown = codes?.find((code) => !catalogue.byCode(code));
        if (unknown) throw new Open311Error(404, `service_code ${unknown} was not found`);
        const statuses = list(query.status);
        const bad = statuses?.find((s) => s !== 'open' && s !== 'closed');
        if (bad) throw new Open311Error(400, `status must be open or closed, not ${bad}`);
        asked = { ids: null, codes, statuses: statuses as ('open' | 'closed')[] | null, ...window(query, Date.now()) };
      }
      if (asked.ids?.length === 0) return [];
      return requests.find(askGraph(res), asked);
    }),
  );

  router.get(
    '/requests/:file',
    handle(async (req, res) => {
      const id = jsonName(req.params.file as string);
      const found = isUuid(id) ? await requests.find(askGraph(res), { ids: [id.toLowerCase()], codes: null, statuses: null, from: null, to: null }) : [];
      if (found.length === 0) throw new Open311Error(404, `service_request_id ${id} was not found`);
      return found;
    }),
  );

  router.post(
    '/requests.json',
    express.urlencoded({ extended: true, limit: '20kb' }),
    handle(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, any>;
      const apiKey = typeof body.api_key === 'string' && body.api_key ? `Bearer ${body.api_key}` : undefined;
      const authorization = req.headers.authorization ?? apiKey;
      if (!authorization) throw new Open311Error(403, 'api_key missing: send the token as Authorization: Bearer … (or api_key)');
      const identity = await authenticate(authorization).catch(() => {
        throw new Open311Error(403, 'Invalid api_key received -- cannot proceed with create_request');
      });
      const code = typeof body.service_code === 'string' ? body.service_code : '';
      if (!code) throw new Open311Error(400, 'service_code was not provided');
      const service = catalogue.byCode(code);
      if (!service) throw new Open311Error(404, `service_code ${code} was not found`);
      const attribute = (body.attribute ?? {}) as Record<string, unknown>;
      const description = typeof body.description === 'string' && body.description.trim() ? body.description : null;
      const idempotencyKey = req.get('idempotency-key') ?? null;
      const ask = askGraph(res, identity);
      let id: string;
      if (service.target.kind === 'care') {
        const elderId = attribute.elder_id;
        const mode = attribute.mode;
        if (typeof elderId !== 'string' || !elderId) throw new Open311Error(400, 'attribute[elder_id] was not provided');
        if (typeof mode !== 'string' || !mode) throw new Open311Error(400, 'attribute[mode] was not provided');
        const data = await ask(
          `mutation Open311RequestService($category: ServiceCategory!, $elderId: ID!, $mode: ServiceMode!, $note: String, $key: String) {
            requestService(category: $category, elderId: $elderId, mode: $mode, note: $note, idempotencyKey: $key) { id } }`,
          { category: service.target.category, elderId, mode, note: description, key: idempotencyKey },
        );
        id = data.requestService.id;
      } else {
        const stationId = body.address_id;
        if (typeof stationId !== 'string' || !stationId) throw new Open311Error(400, 'address_id (the station) was not provided');
        const data = await ask(
          `mutation Open311PlaceStationOrder($help: HelpKind!, $stationId: ID!, $note: String, $key: String) {
            placeStationOrder(help: $help, stationId: $stationId, note: $note, idempotencyKey: $key) { id } }`,
          { help: service.target.help, stationId, note: description, key: idempotencyKey },
        );
        id = data.placeStationOrder.id;
      }
      return [{ service_request_id: id, service_notice: null, account_id: identity.sub }];
    }),
  );

  router.use((_req, res) => {
    res
      .status(404)
      .json([{ code: 404, description: 'GeoReport v2 answers at discovery.json, services.json, services/{code}.json, requests.json and requests/{id}.json' }]);
  });
  return router;
}
