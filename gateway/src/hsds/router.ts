import express, { type Request, type Response } from 'express';
import { errorBody, isUuid, serviceLogger } from '@civic/shared';
import { GraphRefused, type AskGraph } from '../openData/askGraph';
import type { Vocabulary } from '../openData/vocabulary';
import { hsdsGraph } from './graph';
import { hsdsId } from './ids';
import { hsdsMapping, type Located } from './mapping';
import { hsdsPage, pageRequest, slicePage } from './paging';
import { civicTaxonomy } from './taxonomy';

const logger = serviceLogger('gateway');

/** The HSDS version these answers follow, and the specification they were checked against. */
const HSDS = {
  version: '3.0',
  profile: 'https://docs.openreferral.org/en/3.0/',
  openapi_url: 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
};

const baseUrlOf = (req: Request) => `${req.protocol}://${req.get('host')}`;
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

function refuse(res: Response, status: number, code: string, message: string) {
  res.status(status).type('application/json').send(errorBody(code, message));
}

/**
 * HSDS 3.0 (Open Referral's Human Services Data Specification) over the graph's
 * public data, read-only: `services`, `organizations`, `locations`,
 * `service_at_locations`, `taxonomies` and `taxonomy_terms`, each list in HSDS's
 * page shape. Every answer is read through the graph as an anonymous caller.
 */
export function hsdsRouter(words: Vocabulary, askAnonymously: (res: Response) => AskGraph) {
  const router = express.Router();

  const context = (req: Request, res: Response) => {
    const taxonomy = civicTaxonomy(words, baseUrlOf(req));
    const graph = hsdsGraph(askAnonymously(res));
    const map = hsdsMapping(words, taxonomy);
    /** Every service with its location: the 金厝边 categories, the stations, the canteens. */
    const everything = async (): Promise<Located[]> => {
      const [stations, canteens] = await Promise.all([graph.stations(), graph.canteens()]);
      return [...map.care, ...stations.map(map.station), ...canteens.map(map.canteen)];
    };
    return { taxonomy, graph, map, everything };
  };

  /** HSDS's filters on services: by term, by taxonomy, by organisation, by words in the name or description. */
  const filtered = (all: Located[], query: Record<string, unknown>, taxonomyId: string) => {
    const term = text(query.taxonomy_term_id);
    const inTaxonomy = text(query.taxonomy_id);
    const organization = text(query.organization_id);
    const search = text(query.search)?.toLowerCase();
    return all.filter(
      (item) =>
        (!term || item.terms.includes(term)) &&
        (!inTaxonomy || (inTaxonomy === taxonomyId && item.terms.length > 0)) &&
        (!organization || item.organizationId === organization) &&
        (!search || `${item.service.name} ${item.service.description}`.toLowerCase().includes(search)),
    );
  };

  const fullService = (item: Located, organization?: { id: string; name: string; description: string }) => ({
    ...item.service,
    ...item.full,
    service_at_locations: item.location ? [serviceAtLocation(item)] : [],
    ...(organization ? { organization } : {}),
  });

  const serviceAtLocation = (item: Located) => ({
    id: hsdsId('service_at_location', item.service.id),
    service_id: item.service.id,
    location_id: item.location!.id,
    service: { id: item.service.id, name: item.service.name, status: item.service.status, description: item.service.description },
    location: item.location,
  });

  /** Runs a handler, answering the graph's refusals and bad paging as HSDS clients can read them. */
  const handle = (run: (req: Request, res: Response, paging: { page: number; perPage: number }) => Promise<unknown>) => async (req: Request, res: Response) => {
    const paging = pageRequest(req.query as Record<string, unknown>);
    if ('invalid' in paging) {
      refuse(res, 400, 'BAD_USER_INPUT', `${paging.invalid} must be a whole number from 1${paging.invalid === 'per_page' ? ' to 100' : ''}`);
      return;
    }
    try {
      const body = await run(req, res, paging);
      if (body === null) refuse(res, 404, 'NOT_FOUND', 'no such record');
      else res.json(body);
    } catch (error) {
      if (error instanceof GraphRefused) {
        const unavailable = error.code === 'SERVICE_UNAVAILABLE';
        if (!unavailable) logger.error({ err: error }, 'HSDS: the graph refused a question the REST layer asked');
        refuse(res, unavailable ? 503 : 502, error.code, unavailable ? 'a subgraph is unavailable; try again' : 'the graph could not answer');
        return;
      }
      throw error;
    }
  };

  router.get('/', (_req, res) => res.json(HSDS));

  router.get(
    '/services',
    handle(async (req, res, { page, perPage }) => {
      const { everything, taxonomy } = context(req, res);
      return slicePage(
        filtered(await everything(), req.query, taxonomy.taxonomy.id).map((item) => item.service),
        page,
        perPage,
      );
    }),
  );

  router.get(
    '/services/:id',
    handle(async (req, res) => {
      const { graph, map } = context(req, res);
      const id = req.params.id as string;
      if (!isUuid(id)) return null;
      const care = map.care.find((item) => item.service.id === id);
      if (care) return fullService(care);
      const { station, canteen } = await graph.serviceById(id);
      const item = station ? map.station(station) : canteen ? map.canteen(canteen) : null;
      if (!item) return null;
      const operatorId = item.organizationId;
      const operator = operatorId ? await graph.organization(operatorId) : null;
      return fullService(item, operator ? map.organization(operator) : undefined);
    }),
  );

  router.get(
    '/organizations',
    handle(async (req, res, { page, perPage }) => {
      const { graph, map } = context(req, res);
      const { nodes, total } = await graph.organizations(page * perPage);
      return hsdsPage(nodes.slice((page - 1) * perPage, page * perPage).map(map.organization), total, page, perPage);
    }),
  );

  router.get(
    '/organizations/:id',
    handle(async (req, res) => {
      const { graph, map, everything, taxonomy } = context(req, res);
      const id = req.params.id as string;
      if (!isUuid(id)) return null;
      const organization = await graph.organization(id);
      if (!organization) return null;
      const services = filtered(await everything(), { organization_id: id }, taxonomy.taxonomy.id);
      return {
        ...map.organization(organization),
        organization_identifiers: map.identifiers(organization),
        locations: services.flatMap((item) => (item.location ? [item.location] : [])),
        services: services.map((item) => item.service),
      };
    }),
  );

  router.get(
    '/locations',
    handle(async (req, res, { page, perPage }) => {
      const { everything } = context(req, res);
      return slicePage(
        (await everything()).flatMap((item) => (item.location ? [item.location] : [])),
        page,
        perPage,
      );
    }),
  );

  router.get(
    '/service_at_locations',
    handle(async (req, res, { page, perPage }) => {
      const { everything, taxonomy } = context(req, res);
      const located = filtered(await everything(), req.query, taxonomy.taxonomy.id).filter((item) => item.location);
      return slicePage(located.map(serviceAtLocation), page, perPage);
    }),
  );

  router.get(
    '/locations/:id',
    handle(async (req, res) => (await context(req, res).everything()).find((item) => item.location?.id === req.params.id)?.location ?? null),
  );

  router.get(
    '/service_at_locations/:id',
    handle(async (req, res) => {
      const item = (await context(req, res).everything()).find((i) => i.location && hsdsId('service_at_location', i.service.id) === req.params.id);
      return item ? { ...serviceAtLocation(item), schedules: item.full.schedules ?? [] } : null;
    }),
  );

  router.get(
    '/taxonomies',
    handle(async (req, res, { page, perPage }) => slicePage([context(req, res).taxonomy.taxonomy], page, perPage)),
  );

  router.get(
    '/taxonomies/:id',
    handle(async (req, res) => {
      const { taxonomy } = context(req, res).taxonomy;
      return taxonomy.id === req.params.id ? taxonomy : null;
    }),
  );

  router.get(
    '/taxonomy_terms',
    handle(async (req, res, { page, perPage }) => {
      const { terms } = context(req, res).taxonomy;
      const inTaxonomy = text(req.query.taxonomy_id);
      const parent = text(req.query.parent_id);
      const topOnly = req.query.top_only === 'true';
      const search = text(req.query.search)?.toLowerCase();
      const kept = terms.filter(
        (t) =>
          (!inTaxonomy || t.taxonomy_id === inTaxonomy) &&
          (!parent || t.parent_id === parent) &&
          (!topOnly || !t.parent_id) &&
          (!search || `${t.code} ${t.name} ${t.description}`.toLowerCase().includes(search)),
      );
      return slicePage(kept, page, perPage);
    }),
  );

  router.get(
    '/taxonomy_terms/:id',
    handle(async (req, res) => context(req, res).taxonomy.terms.find((t) => t.id === req.params.id) ?? null),
  );

  router.use((_req, res) =>
    refuse(
      res,
      404,
      'NOT_FOUND',
      'HSDS answers at /hsds/services, /organizations, /locations, /service_at_locations, /taxonomies and /taxonomy_terms (each also by id)',
    ),
  );
  return router;
}
