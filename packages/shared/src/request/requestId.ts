import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * One id per client request, end to end: the gateway takes the client's
 * `x-request-id` when it is well formed (a UUID or 8-64 characters of
 * [A-Za-z0-9._-], so it is safe in logs, headers and SQL) and makes one otherwise.
 * It is signed to every subgraph the request calls (auth/signing.ts, beside the
 * per-call id the replay guard claims), lands in every log line of the request
 * and in its audit rows, and goes back to the client in `x-request-id`.
 */
export const CLIENT_REQUEST_ID_HEADER = 'x-request-id';

const WELL_FORMED = /^[A-Za-z0-9._-]{8,64}$/;
/** A GraphQL operation name, as graphql-js accepts one, of a sane length. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export const isRequestId = (value: unknown): value is string => typeof value === 'string' && WELL_FORMED.test(value);
export const isOperationName = (value: unknown): value is string => typeof value === 'string' && OPERATION_NAME.test(value);

/** The client's id when well formed; anything else is replaced (never refused). */
export function requestIdFrom(header: string | string[] | undefined): string {
  return isRequestId(header) ? header : randomUUID();
}

/** What a subgraph call carries of the client's request: its id and the client's own operation name. */
export interface RequestTrace {
  requestId: string;
  /** the operation name the client sent, not the gateway's rewritten `Name__directory__0` */
  operation: string | null;
  /**
   * With tracing on, the W3C traceparent of the gateway's span for this call: the
   * subgraph's spans parent on it, and only because it is signed (tracing/sdk.ts).
   */
  traceparent?: string;
}

/**
 * The request being served, for the logger's mixin (logger.ts): every line logged
 * while serving it, by whichever module, carries its id without passing a logger
 * through every layer.
 */
export const requestScope = new AsyncLocalStorage<RequestTrace>();

/** Runs `fn` (an express `next`, typically) inside the request's scope. */
export function inRequest<T>(trace: RequestTrace, fn: () => T): T {
  return requestScope.run(trace, fn);
}
