import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST } from 'graphql';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { CLIENT_REQUEST_ID_HEADER, inRequest, isOperationName, Outcome, outcomeOf, requestIdFrom, RequestTrace } from '@civic/shared';

/** One client request as the gateway sees it, from its first byte to its answer. */
export interface ClientRequest extends RequestTrace {
  outcome: Outcome | null;
  /** the codes of the answer's errors, each once */
  codes: string[];
  startedAt: bigint;
}

/** Called once per client request when its answer is sent (metrics.ts counts them). */
export type RequestObserver = (request: ClientRequest, status: number, durationMs: number) => void;

const clientRequestOf = (locals: Record<string, unknown>) => locals.clientRequest as ClientRequest;

/**
 * The gateway's two steps for each client request at `/`: `begin` (before the
 * startup gate and before the body is read) gives it its id, sends the id back in `x-request-id` even on a refusal,
 * and writes one access log line when the answer is sent; `scope` (after the body
 * is read: body-parser's stream events would lose the scope) runs the rest inside
 * the request's scope, so every line logged for it carries the id.
 */
export function clientRequests(logger: Logger, observers: RequestObserver[] = []): { begin: RequestHandler; scope: RequestHandler } {
  return {
    begin: (req, res, next) => {
      const request: ClientRequest = {
        requestId: requestIdFrom(req.headers[CLIENT_REQUEST_ID_HEADER]),
        operation: null,
        outcome: null,
        codes: [],
        startedAt: process.hrtime.bigint(),
      };
      res.locals.clientRequest = request;
      res.setHeader(CLIENT_REQUEST_ID_HEADER, request.requestId);
      res.on('finish', () => {
        // A browser sent on to the playground (web/pages.ts) made no GraphQL request.
        if (res.statusCode >= 300 && res.statusCode < 400) return;
        const durationMs = Number(process.hrtime.bigint() - request.startedAt) / 1e6;
        // Refused before GraphQL ran (a body that is not JSON, too large): an error by its status.
        request.outcome ??= res.statusCode < 400 ? 'ok' : 'error';
        inRequest(request, () =>
          logger.info(
            {
              operationName: request.operation,
              durationMs: Math.round(durationMs * 10) / 10,
              status: res.statusCode,
              outcome: request.outcome,
              codes: request.codes,
            },
            'request',
          ),
        );
        for (const observe of observers) observe(request, res.statusCode, durationMs);
      });
      next();
    },
    scope: (_req, res, next) => inRequest(clientRequestOf(res.locals), next),
  };
}

/** The client request of an express response, for the GraphQL context. */
export const clientRequestOfResponse = (res: { locals: Record<string, unknown> }): ClientRequest => clientRequestOf(res.locals);

/**
 * Fills in the client request's operation name (as the client named it: the
 * subgraphs get it signed for their audit rows) and its outcome.
 */
export function clientRequestPlugin(): ApolloServerPlugin<{ request: ClientRequest }> {
  return {
    async requestDidStart({ request, contextValue }) {
      const record = contextValue.request;
      if (isOperationName(request.operationName)) record.operation = request.operationName;
      return {
        // Parsed but maybe not valid: a refused request is still logged by its name.
        async validationDidStart({ document }) {
          const name = getOperationAST(document, request.operationName)?.name?.value;
          if (isOperationName(name)) record.operation = name;
        },
        async didResolveOperation({ operationName }) {
          record.operation = isOperationName(operationName) ? operationName : null;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          Object.assign(record, outcomeOf(response.body.singleResult));
        },
      };
    },
  };
}
