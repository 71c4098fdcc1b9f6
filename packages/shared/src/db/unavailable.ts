/**
 * Whether an error means "the database (or a service this one calls) cannot be
 * reached right now" rather than
 * "this request is wrong": the caller may retry the first (SERVICE_UNAVAILABLE),
 * never the second. pg and TypeORM report an outage in several shapes, each seen
 * when PostgreSQL stops under load: a refused or reset socket (pg-pool's connect,
 * an AggregateError when `localhost` has two addresses), a connection the server
 * ends (SQLSTATE 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect
 * now, any class 08 connection exception, 53300 too many connections), pg's own
 * "Connection terminated" and pool timeouts; TypeORM wraps them in
 * QueryFailedError as `driverError`, GraphQL in `originalError` (and a thrown
 * non-Error, as pg-pool's refused connect is, in `thrownValue`).
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established)/i;

export function isOutage(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 6) return false;
  const { code, message, originalError, driverError, cause, errors, thrownValue } = error as {
    code?: unknown;
    message?: unknown;
    originalError?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
    thrownValue?: unknown;
  };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  const causes = [originalError, driverError, cause, thrownValue, ...(Array.isArray(errors) ? errors : [])];
  return causes.some((inner) => inner !== error && isOutage(inner, depth + 1));
}
