import type { GraphQLFormattedError } from 'graphql';
import { PUBLIC_CODES } from '../errors';
import type { Logger } from 'pino';

/**
 * What a caller may see of an error: the message and code of the errors we raise
 * on purpose, and nothing of the rest. Internal messages can hold SQL, internal
 * URLs or file paths, so they are logged and replaced.
 */
export function formatErrorForCaller(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (PUBLIC_CODES.has(code)) {
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
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
