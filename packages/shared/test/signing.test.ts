import { MAX_SIGNATURE_AGE_MS, signRequest, subgraphSecret, verifyRequest } from '../src/auth/signing';
import type { Identity } from '../src/auth/identity';

const secret = subgraphSecret('a-master-secret-of-at-least-32-characters', 'directory');
const officer: Identity = { sub: 'd0000000-0000-4000-8000-000000000001', roles: ['DISTRICT_OFFICER'], region: '350105' };
const body = JSON.stringify({ query: '{ __typename }' });

describe('gateway request signing', () => {
  it('when the gateway signs a request, then the subgraph recovers the identity', () => {
    expect(verifyRequest(secret, signRequest(secret, officer, body), body)).toEqual({ ok: true, identity: officer });
  });

  it('when each subgraph has its own secret, then one subgraph cannot verify another one`s request', () => {
    const other = subgraphSecret('a-master-secret-of-at-least-32-characters', 'elder-care');
    expect(other).not.toBe(secret);
    expect(verifyRequest(other, signRequest(secret, officer, body), body)).toMatchObject({ ok: false });
  });

  it('when the body or the identity is altered, then the signature fails', () => {
    const headers = signRequest(secret, officer, body);
    expect(verifyRequest(secret, headers, body.replace('__typename', 'person'))).toMatchObject({ ok: false, reason: /invalid/ });
    const forged = { ...headers, 'x-civic-identity': Buffer.from(JSON.stringify({ ...officer, roles: ['CITY_ADMIN'] })).toString('base64url') };
    expect(verifyRequest(secret, forged, body)).toMatchObject({ ok: false, reason: /invalid/ });
  });

  it('when a signature is older than the allowed age, then it is refused as a replay', () => {
    const headers = signRequest(secret, officer, body, Date.now() - MAX_SIGNATURE_AGE_MS - 1000);
    expect(verifyRequest(secret, headers, body)).toMatchObject({ ok: false, reason: /expired/ });
  });

  it('when the headers are missing, then the request is unsigned', () => {
    expect(verifyRequest(secret, {}, body)).toMatchObject({ ok: false, reason: /not signed/ });
  });
});
