import { GraphQLError } from 'graphql';

/**
 * The error codes every service uses (see DEVELOPERS.md). Callers branch on
 * `extensions.code`, never on message text, so each code is a stable contract.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

export function civicError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(status ? { http: { status } } : {}) },
  });
}

export const badUserInput = (message: string, extra?: Record<string, unknown>) =>
  civicError('BAD_USER_INPUT', message, extra);
export const notFound = (message: string) => civicError('NOT_FOUND', message);
export const forbidden = (message: string) => civicError('FORBIDDEN', message);
export const unauthenticated = (message: string) => civicError('UNAUTHENTICATED', message);
export const conflict = (message: string) => civicError('CONFLICT', message);

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
]);
