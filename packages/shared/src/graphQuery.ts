import { civicError } from './errors';
import { serviceCall, type ServiceCredentials } from './auth/signing';

const unavailable = (what: string, why: string) =>
  civicError('SERVICE_UNAVAILABLE', `cannot check ${what} with the subgraph that owns it: ${why}`, { serviceName: 'gateway' });

/**
 * Asks the graph a question through the gateway, as any public client asks: for
 * facts another subgraph owns (a subject to assess, an elder to enrol), so that no
 * subgraph reads another's tables. Anonymous, so only public fields answer. Any
 * failure (unreachable, HTTP error, GraphQL error) is SERVICE_UNAVAILABLE naming
 * `what`, never an internal error: the caller may retry. With `as`, the call is
 * signed as that subgraph (serviceCall), for the fields that answer the graph's own
 * services only (the directory's personOnRecord).
 */
export async function queryGraph<Data = Record<string, any>>(
  gatewayUrl: string,
  what: string,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs = 5_000,
  as?: ServiceCredentials,
): Promise<Data> {
  let body: { data?: Data | null; errors?: { message: string }[] };
  const sent = JSON.stringify({ query, variables });
  try {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(as ? serviceCall(as, sent) : {}) },
      body: sent,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw unavailable(what, `HTTP ${response.status}`);
    body = (await response.json()) as typeof body;
  } catch (error) {
    if (error instanceof Error && 'extensions' in error) throw error;
    throw unavailable(what, error instanceof Error ? error.message : String(error));
  }
  if (body.errors?.length || !body.data) throw unavailable(what, body.errors?.[0]?.message ?? 'no data');
  return body.data;
}
