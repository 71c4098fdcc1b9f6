import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { errorCode, PUBLIC_CODES } from '../errors';
import { isOutage } from '../db/unavailable';
import type { Logger } from 'pino';

/**
 * What a caller may see of an error: the message and code of the errors we raise
 * on purpose, and nothing of the rest. Internal messages can hold SQL, internal
 * URLs or file paths, so they are logged and replaced.
 */
export function formatErrorForCaller(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = errorCode(formatted);
    if (PUBLIC_CODES.has(code)) {
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
    }
    // An outage is not the request's fault: the caller may retry it (README, "Retrying").
    if (isOutage(error)) {
      logger.warn({ err: { message: (error as Error).message }, path: formatted.path }, 'database or dependency unavailable');
      return {
        message: 'a database or service this request needs is unavailable; try again shortly',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    // Apollo Server's own refusals of a request (a persisted-query hash that does
    // not match, an unsupported version) carry an HTTP 4xx but no code: they are
    // the caller's mistake, and their messages hold nothing internal.
    const status = error instanceof GraphQLError ? (error.extensions?.http as { status?: number } | undefined)?.status : undefined;
    if (error instanceof GraphQLError && error.extensions?.code === undefined && status && status >= 400 && status < 500) {
      return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    }
    logger.error({ err: error, path: formatted.path }, 'internal error');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
