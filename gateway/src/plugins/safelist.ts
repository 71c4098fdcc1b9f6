import { readFileSync } from 'node:fs';
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin, PersistedQueryOptions } from '@apollo/server';
import { z } from 'zod';
import { isGraphService, normalizeOperation, type OperationManifest, operationId, type SafelistedOperation } from '@civic/shared';
import type { GatewayContext } from '../subgraphSource';
import { clientRequestOfResponse } from '../clientRequests';

const manifestFile = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/),
      name: z.string(),
      type: z.enum(['query', 'mutation', 'subscription']),
      body: z.string(),
      clientName: z.string(),
      source: z.string(),
      serviceOnly: z.literal(true).optional(),
      caller: z.string().optional(),
    }),
  ),
});

/** The safelist `npm run compose` wrote (schema/safelist.json), read and checked once at start. */
export function readSafelist(file: string): OperationManifest {
  return manifestFile.parse(JSON.parse(readFileSync(file, 'utf8')));
}

const NOT_SAFELISTED = 'OPERATION_NOT_SAFELISTED';
const message = (why: string) => `the operation is not on the gateway's safelist: ${why}`;

/**
 * CIVIC_OPERATIONS=safelist: the gateway serves only registered operations. A request
 * names its operation by its document (in any layout: it is normalized and hashed as
 * the safelist was built) or by its id alone, as an automatic persisted query
 * (`extensions.persistedQuery.sha256Hash` with no `query`, by POST or GET): the
 * registered document then runs (safelistCache), so a dashboard need not send it.
 * Anything else is refused here, before Apollo parses it against the schema, plans
 * it or sends it on: HTTP 400, OPERATION_NOT_SAFELISTED. What it matched goes on to
 * the context (`safelisted`), for safelistPlugin.
 */
export function safelist(manifest: OperationManifest, maxTokens: number) {
  const byId = new Map(manifest.operations.map((operation) => [operation.id, operation]));
  const idOf = (query: string): string | undefined => {
    try {
      return operationId(normalizeOperation(query, maxTokens));
    } catch {
      return undefined;
    }
  };
  const middleware: RequestHandler = (req, res, next) => {
    const params = requestParams(req.method, req.body, req.query);
    // Not a GraphQL request Apollo would run (no body, no query, no hash): Apollo refuses it as it always does.
    if (!params || (params.query === undefined && params.hash === undefined)) return next();
    const id = typeof params.query === 'string' ? idOf(params.query) : typeof params.hash === 'string' ? params.hash : undefined;
    const operation = id === undefined ? undefined : byId.get(id);
    if (!operation) {
      const why = params.query === undefined ? 'no registered operation has this hash' : 'not a registered operation';
      // The access line and the request metrics carry the code, as for a refusal Apollo answers.
      clientRequestOfResponse(res).codes = [NOT_SAFELISTED];
      res.status(400).json({ errors: [{ message: message(why), extensions: { code: NOT_SAFELISTED } }] });
      return;
    }
    res.locals.safelisted = operation;
    next();
  };
  return { middleware, cache: safelistCache(byId) };
}

/** A request's document and persisted-query hash, from a JSON body or a GET's query string; null for anything else. */
function requestParams(method: string, body: unknown, query: unknown): { query: unknown; hash: unknown } | null {
  if (method === 'GET') {
    const params = query as Record<string, unknown>;
    let extensions: unknown;
    try {
      extensions = typeof params.extensions === 'string' ? JSON.parse(params.extensions) : undefined;
    } catch {
      return null;
    }
    return { query: params.query, hash: (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash };
  }
  // A batch is never a registered operation (and Apollo refuses batches anyway): refused here, whatever it holds.
  if (Array.isArray(body)) return { query: '', hash: undefined };
  if (!body || typeof body !== 'object') return null;
  const { query: document, extensions } = body as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };
  return { query: document, hash: extensions?.persistedQuery?.sha256Hash };
}

/**
 * Apollo Server's persisted-query store, in safelist mode: the registered documents,
 * by id, and nothing else. A hash-only request finds its document here; a client's
 * own registration (a document with its hash) is not kept, as only registered
 * documents get this far anyway.
 */
function safelistCache(byId: Map<string, SafelistedOperation>): NonNullable<PersistedQueryOptions['cache']> {
  return {
    // Apollo Server prefixes its keys (`apq:<hash>`); an id holds no colon.
    get: async (key) => byId.get(key.slice(key.lastIndexOf(':') + 1))?.body,
    set: async () => undefined,
    delete: async () => undefined,
  };
}

/**
 * The graph's own subgraphs ask their registered questions (their
 * `service-operations/`), which the safelist holds as theirs: such a question is
 * served to a signed call of that subgraph only (or of any graph service, for the
 * shared ones), never to a client. Checked once the caller is known.
 */
export function safelistPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          const operation = contextValue.safelisted;
          if (!operation?.serviceOnly) return;
          const { identity } = contextValue;
          if (isGraphService(identity) && (operation.caller === undefined || operation.caller === identity.service)) return;
          throw new GraphQLError(message(`${operation.name} is a question of the graph's own services`), {
            extensions: { code: NOT_SAFELISTED, http: { status: 400 } },
          });
        },
      };
    },
  };
}
