import { GraphQLError } from 'graphql';

/**
 * The error codes every service uses (see DEVELOPERS.md). Callers branch on
 * `extensions.code`, never on message text, so each code is a stable contract.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'SERVICE_UNAVAILABLE' | 'INTERNAL_SERVER_ERROR';

export function civicError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badUserInput = (message: string, extra?: Record<string, unknown>) => civicError('BAD_USER_INPUT', message, extra);
export const notFound = (message: string) => civicError('NOT_FOUND', message);
export const forbidden = (message: string) => civicError('FORBIDDEN', message);
/** A field that needs a signed-in caller: the rest of the response still arrives. */
export const unauthenticated = (message: string) => civicError('UNAUTHENTICATED', message);
/**
 * A request that cannot run at all (a bad or expired token): the whole response is
 * HTTP 401. Only the gateway raises it; in a subgraph the status would fail the
 * gateway's whole call to that subgraph.
 */
export const unauthenticatedRequest = (message: string) => civicError('UNAUTHENTICATED', message, { http: { status: 401 } });
export const conflict = (message: string) => civicError('CONFLICT', message);
/**
 * A registration that repeats a record already there (the same ID number, credit
 * code, elder, veteran, station): CONFLICT naming it in `extensions.existingId`, so
 * the caller can go on with that record.
 */
export const alreadyRegistered = (message: string, existingId: string) => civicError('CONFLICT', message, { existingId });

/** Codes a caller may see with their message; anything else is masked. */
export const PUBLIC_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SERVICE_UNAVAILABLE',
  // Produced by graphql-js and Apollo Server themselves for malformed operations.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  // The gateway with CIVIC_OPERATIONS=safelist, for an operation it does not hold.
  'OPERATION_NOT_SAFELISTED',
]);

/** An answered error's code: its `extensions.code` when that is a string, INTERNAL_SERVER_ERROR otherwise. */
export function errorCode(error: { extensions?: { [key: string]: unknown } }): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}
