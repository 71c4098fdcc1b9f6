import express from 'express';
import type { Logger } from 'pino';
import type { Identity } from '../auth/identity';
import type { ReplayGuard } from '../auth/replayGuard';
import { verifyRequest } from '../auth/signing';
import { inRequest, RequestTrace } from '../request/requestId';
import { tracing } from '../tracing/tracing';

export type SignedRequest = express.Request & { identity?: Identity; trace?: RequestTrace };

export interface SignedBodyOptions {
  /** the subgraph's name, which its spans carry */
  service: string;
  /** this subgraph's signing secret, shared with the gateway alone */
  secret: string;
  /** where request ids are claimed, once each */
  replayGuard: ReplayGuard;
  /** the largest request body read */
  limit: string;
  logger: Logger;
}

const refuse = (res: express.Response, status: number, code: string, message: string) =>
  res.status(status).json({ errors: [{ message, extensions: { code } }] });

/**
 * The gateway's signature is checked on the exact bytes it sent, before any JSON is
 * parsed: an unsigned caller costs one bounded read and one HMAC, never a parse of
 * up to the body limit. Then the request id is claimed (a replay is refused like any
 * other bad signature, 401 UNAUTHENTICATED), and only then is the body parsed for
 * Apollo, inside the client request's scope: what it logs carries the request id,
 * and (tracing on) inside a span whose parent is the traceparent that was signed.
 */
export function signedBody(options: SignedBodyOptions): express.RequestHandler[] {
  const { logger } = options;
  return [
    // Every content type is read as bytes: the signature decides, not the header.
    express.raw({ type: () => true, limit: options.limit }),
    async (req: SignedRequest, res, next) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const result = verifyRequest(options.secret, req.headers, raw);
      if (!result.ok) {
        logger.warn({ reason: result.reason, ip: req.socket.remoteAddress }, 'refused unsigned request');
        refuse(res, 401, 'UNAUTHENTICATED', result.reason);
        return;
      }
      try {
        if (!(await options.replayGuard.claim(result.requestId, result.signedAt))) {
          logger.warn({ requestId: result.requestId, ip: req.socket.remoteAddress }, 'refused replayed request');
          refuse(res, 401, 'UNAUTHENTICATED', 'request has already been served');
          return;
        }
      } catch (error) {
        // Fail closed: a call whose id cannot be claimed is not served.
        logger.error({ err: error }, 'request id could not be claimed');
        refuse(res, 503, 'SERVICE_UNAVAILABLE', 'the request could not be checked');
        return;
      }
      try {
        req.body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        refuse(res, 400, 'BAD_REQUEST', 'request body is not JSON');
        return;
      }
      req.identity = result.identity;
      // A call signed without the client's trace (a test, a tool) is its own request.
      req.trace = result.trace ?? { requestId: result.requestId, operation: null };
      const trace = req.trace;
      tracing().serveSigned(options.service, trace.traceparent, req, res, () =>
        inRequest(trace, () => {
          logger.debug({ callId: result.requestId, operationName: trace.operation }, 'serving a signed call');
          next();
        }),
      );
    },
  ];
}
