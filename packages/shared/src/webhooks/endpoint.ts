import { badUserInput } from '../errors';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_URL_LENGTH = 2_000;

/**
 * A partner's webhook endpoint: an absolute https URL; in development and tests
 * also http to the machine itself (loopback), for a receiver run beside the graph.
 * No credentials in it (they would be logged and shown), no fragment.
 * BAD_USER_INPUT (`argument: "url"`) for anything else.
 */
export function parseWebhookUrl(value: string, production: boolean): string {
  const refuse = (why: string) => badUserInput(`url: ${why}`, { argument: 'url' });
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) throw refuse(`at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw refuse('not an absolute URL');
  }
  if (url.username || url.password) throw refuse('no user name or password in the URL; the signature authenticates the graph');
  if (url.hash) throw refuse('no fragment');
  if (url.protocol === 'https:') return url.toString();
  if (url.protocol === 'http:' && !production && LOOPBACK.has(url.hostname)) return url.toString();
  throw refuse(production ? 'https only' : 'https, or http to localhost in development');
}
