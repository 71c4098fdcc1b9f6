import { ANONYMOUS, Identity } from '../auth/identity';
import { signRequest } from '../auth/signing';

/** Sends a GraphQL request to a subgraph as the gateway would: signed. */
export async function signedSubgraphRequest(
  url: string,
  secret: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity = ANONYMOUS,
) {
  const body = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signRequest(secret, identity, body) },
    body,
  });
  // Tests inspect arbitrary response shapes, so the body is left untyped.
  return { status: response.status, body: (await response.json()) as any };
}
