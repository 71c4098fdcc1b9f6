import { MAX_SIGNATURE_AGE_MS, signRequest, subgraphSecret, verifyRequest } from '../src/auth/signing';
import type { Identity } from '../src/auth/identity';

const secret = subgraphSecret('a-master-secret-of-at-least-32-characters', 'directory');
const officer: Identity = { sub: 'd0000000-0000-4000-8000-000000000001', roles: ['DISTRICT_OFFICER'], region: '350105', partner: null };
const partner: Identity = { sub: 'd0000000-0000-4000-8000-000000000002', roles: ['PARTNER'], region: '350105', partner: 'elder-canteens' };
const body = JSON.stringify({ query: '{ __typename }' });

describe('gateway request signing', () => {
  it('when the gateway signs a request, then the subgraph recovers the identity', () => {
    expect(verifyRequest(secret, signRequest(secret, officer, body), body)).toEqual(expect.objectContaining({ ok: true, identity: officer }));
  });

  it('when a partner`s identity is signed, then its partner arrives, and one signed without it arrives as null', () => {
    expect(verifyRequest(secret, signRequest(secret, partner, body), body)).toEqual(expect.objectContaining({ ok: true, identity: partner }));
    const { partner: _omitted, ...written } = officer;
    expect(verifyRequest(secret, signRequest(secret, written, body), body)).toEqual(expect.objectContaining({ ok: true, identity: officer }));
  });

  it('when the partner in a signed identity is changed, then the signature fails', () => {
    const headers = signRequest(secret, partner, body);
    const forged = { ...headers, 'x-civic-identity': Buffer.from(JSON.stringify({ ...partner, partner: 'food-banks' })).toString('base64url') };
    expect(verifyRequest(secret, forged, body)).toMatchObject({ ok: false, reason: /invalid/ });
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

  it('when the gateway signs two calls alike, then each carries its own request id, and a changed id breaks the signature', () => {
    const first = signRequest(secret, officer, body);
    const second = signRequest(secret, officer, body);
    expect(first['x-civic-request-id']).not.toBe(second['x-civic-request-id']);
    expect(verifyRequest(secret, first, body)).toMatchObject({ ok: true, requestId: first['x-civic-request-id'] });
    const renamed = { ...first, 'x-civic-request-id': second['x-civic-request-id'] };
    expect(verifyRequest(secret, renamed, body)).toMatchObject({ ok: false, reason: /invalid/ });
  });

  it('when the headers are missing, then the request is unsigned', () => {
    expect(verifyRequest(secret, {}, body)).toMatchObject({ ok: false, reason: /not signed/ });
  });
  it("when the client request's trace is signed, then it arrives, and changed or dropped the signature fails", () => {
    const trace = { requestId: 'dashboard-request-1', operation: 'DistrictDashboard' };
    const headers = signRequest(secret, officer, body, Date.now(), undefined, trace);
    expect(verifyRequest(secret, headers, body)).toMatchObject({ ok: true, trace });
    expect(verifyRequest(secret, signRequest(secret, officer, body), body)).toMatchObject({ ok: true, trace: null });
    const forged = { ...headers, 'x-civic-trace': Buffer.from(JSON.stringify({ ...trace, requestId: 'someone-elses-id' })).toString('base64url') };
    expect(verifyRequest(secret, forged, body)).toMatchObject({ ok: false, reason: /invalid/ });
    const { 'x-civic-trace': _dropped, ...without } = headers;
    expect(verifyRequest(secret, without, body)).toMatchObject({ ok: false, reason: /invalid/ });
  });

  it("when a call's traceparent is signed, then it arrives; another one put in its place breaks the signature, and a malformed one signed is refused", () => {
    const trace = { requestId: 'dashboard-request-1', operation: 'DistrictDashboard', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const headers = signRequest(secret, officer, body, Date.now(), undefined, trace);
    expect(verifyRequest(secret, headers, body)).toMatchObject({ ok: true, trace });
    const other = { ...trace, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
    const swapped = { ...headers, 'x-civic-trace': Buffer.from(JSON.stringify(other)).toString('base64url') };
    expect(verifyRequest(secret, swapped, body)).toMatchObject({ ok: false, reason: /invalid/ });
    for (const traceparent of ['00-00000000000000000000000000000000-b7ad6b7169203331-01', 'not-a-traceparent', 42]) {
      const malformed = signRequest(secret, officer, body, Date.now(), undefined, { ...trace, traceparent } as never);
      expect(verifyRequest(secret, malformed, body)).toMatchObject({ ok: false, reason: 'trace header is malformed' });
    }
  });
});
