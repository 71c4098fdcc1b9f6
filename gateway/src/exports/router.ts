import express, { type Request, type Response } from 'express';
import { create as contentDisposition } from 'content-disposition';
import { GraphQLError } from 'graphql';
import { errorBody, type Identity, isRegionCode, serviceLogger } from '@civic/shared';
import { GraphRefused, type AskGraph } from '../openData/askGraph';
import type { Vocabulary } from '../openData/vocabulary';
import { pagesOf } from '../openData/walk';
import type { GatewayOperation } from '../operations';
import { type ExportDefinition, exportCatalogue } from './catalogue';
import { termsOf } from './columns';
import { csvSink, type Sink, xlsxSink } from './sinks';

const logger = serviceLogger('gateway');

const SINKS: Record<string, (res: Response) => Sink> = { csv: csvSink, xlsx: xlsxSink };

/** The graph's codes as HTTP statuses, for a refusal before the first byte. */
const STATUS_OF_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  OPERATION_NOT_SAFELISTED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
};

/** A refusal before the first byte: JSON with `extensions.code` and its HTTP status. */
class ExportRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly argument?: string,
  ) {
    super(message);
  }
  get status() {
    return STATUS_OF_CODE[this.code] ?? 502;
  }
}

const refusalOf = (error: unknown): ExportRefused | null => {
  if (error instanceof ExportRefused) return error;
  if (error instanceof GraphRefused) {
    const [first] = error.errors;
    if (error.code === 'INTERNAL_SERVER_ERROR') return new ExportRefused('BAD_GATEWAY', 'the graph could not answer');
    return new ExportRefused(error.code, first?.message ?? error.message, first?.argument);
  }
  // The authenticator's refusal of a bad token.
  if (error instanceof GraphQLError && typeof error.extensions?.code === 'string') return new ExportRefused(error.extensions.code, error.message);
  return null;
};

/** `?code=` as the export takes it: a region code, or null where it may be left out. */
function codeOf(definition: ExportDefinition, query: Request['query']): string | null {
  const code = query.code;
  if (code === undefined || code === '') {
    if (definition.code === 'required') throw new ExportRefused('BAD_USER_INPUT', `${definition.name} needs ?code=<region code>`, 'code');
    return null;
  }
  if (definition.code === 'none') throw new ExportRefused('BAD_USER_INPUT', `${definition.name} is the whole province's list and takes no code`, 'code');
  if (typeof code !== 'string' || !isRegionCode(code)) {
    throw new ExportRefused('BAD_USER_INPUT', 'code must be an official region code of 2, 4, 6, 9 or 12 digits', 'code');
  }
  return code;
}

/** The rows of an export, a page at a time: one answer for a list the graph gives whole, else its connection by cursor. */
async function* pagesFor(definition: ExportDefinition, ask: (variables: Record<string, unknown>) => Promise<any>): AsyncGenerator<any[]> {
  if (definition.rows) {
    const rows = definition.rows(await ask({}));
    if (rows === null) throw new ExportRefused('NOT_FOUND', 'no region has this code');
    yield rows;
    return;
  }
  for await (const page of pagesOf(ask, (data) => data.list)) yield page.nodes;
}

const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * Downloads of the dashboard's table and the public lists (README "Exports"):
 * GET /export/<name>.csv and /export/<name>.xlsx. Every page is asked of the graph
 * itself with the caller's identity (their bearer token, anonymous without), by a
 * registered operation of gateway/operations/, so the subgraphs' role checks and
 * masking apply as over GraphQL. The first page is asked before anything is sent:
 * a refusal is JSON with its status. Then rows are written a page at a time, the
 * next page asked once the response has taken the last.
 */
export function exportRouter(options: {
  words: Vocabulary;
  askGraph: (res: Response, identity: Identity) => AskGraph;
  authenticate: (authorization: string | undefined) => Promise<Identity>;
  registered: (operation: GatewayOperation) => boolean;
}) {
  const catalogue = new Map(exportCatalogue(termsOf(options.words)).map((d) => [d.name, d]));
  const router = express.Router();

  router.get('/:file', async (req: Request, res: Response) => {
    const file = String(req.params.file);
    const dot = file.lastIndexOf('.');
    const definition = catalogue.get(file.slice(0, dot));
    const makeSink = SINKS[file.slice(dot + 1)];
    if (dot < 0 || !definition || !makeSink) {
      res
        .status(404)
        .type('application/json')
        .send(errorBody('NOT_FOUND', `no such export: the exports are ${[...catalogue.keys()].join(', ')}, each as .csv or .xlsx`));
      return;
    }
    let pages: AsyncGenerator<any[]>;
    let first: IteratorResult<any[]>;
    try {
      const code = codeOf(definition, req.query);
      if (!options.registered(definition.operation)) {
        throw new ExportRefused('OPERATION_NOT_SAFELISTED', `${definition.operation.name} is not a registered operation: run npm run compose`);
      }
      const ask = options.askGraph(res, await options.authenticate(req.headers.authorization));
      const variables = definition.variables(code);
      pages = pagesFor(definition, (paging) => ask(definition.operation.query, { ...variables, ...paging }));
      first = await pages.next();
    } catch (error) {
      const refused = refusalOf(error);
      if (!refused) throw error;
      if (refused.status === 502) logger.error({ err: error }, 'export: the graph failed a question the export asked');
      res
        .status(refused.status)
        .type('application/json')
        .send(
          JSON.stringify({
            errors: [{ message: refused.message, extensions: { code: refused.code, ...(refused.argument ? { argument: refused.argument } : {}) } }],
          }),
        );
      return;
    }

    const sink = makeSink(res);
    const code = typeof req.query.code === 'string' ? req.query.code : null;
    const stem = [definition.name, code, today()].filter(Boolean).join('-');
    const title = [definition.title, code, today()].filter(Boolean).join('-');
    res.status(200);
    res.setHeader('Content-Type', sink.contentType);
    res.setHeader('Content-Disposition', contentDisposition(`${title}.${sink.extension}`, { fallback: `${stem}.${sink.extension}` }));
    res.setHeader('Cache-Control', 'no-store');
    sink.start(definition.columns, definition.title);
    const cells = (nodes: any[]) => nodes.map((node) => definition.columns.map((column) => column.value(node)));
    try {
      await sink.rows(cells(first.done ? [] : first.value));
      while (!res.destroyed) {
        const page = await pages.next();
        if (page.done) break;
        await sink.rows(cells(page.value));
      }
      // The client went away: no more pages are asked.
      if (res.destroyed) {
        await pages.return(undefined);
        return;
      }
      await sink.end();
    } catch (error) {
      const refused = refusalOf(error);
      logger.warn({ err: error, export: definition.name }, 'export failed after its first byte: the download is cut off');
      sink.abort(refused?.code ?? 'INTERNAL_SERVER_ERROR', refused?.message ?? 'Internal server error');
    }
  });

  router.use((_req, res) => {
    res.status(404).type('application/json').send(errorBody('NOT_FOUND', 'exports answer at /export/<name>.csv and /export/<name>.xlsx'));
  });
  return router;
}
