import { signRequest, subgraphSecret, verifyRequest } from '../src/auth/signing';
import type { Identity } from '../src/auth/identity';

const secret = subgraphSecret('a-master-secret-of-at-least-32-characters', 'elder-care');
const body = JSON.stringify({ query: '{ __typename }' });

/** Defence in depth behind the gateway's own claim checks (gateway/src/auth.ts). */
describe('the identity a subgraph decodes', () => {
  it.each(['admin', '12345', ''])('when a correctly signed identity has the subject %p, then the subgraph refuses it', (sub) => {
    const identity = { sub, roles: ['CITY_ADMIN'], region: '35', partner: null } as Identity;
    expect(verifyRequest(secret, signRequest(secret, identity, body), body)).toEqual({ ok: false, reason: 'identity header is malformed' });
  });

  it('when the subject is an upper-case UUID, then it arrives in lower case', () => {
    const identity: Identity = { sub: 'C0000000-0000-4000-8000-00000000000A', roles: ['VOLUNTEER'], region: '350105', partner: null };
    // The verification also carries the call's request id and signing time (the replay guard's).
    expect(verifyRequest(secret, signRequest(secret, identity, body), body)).toMatchObject({
      ok: true,
      identity: { ...identity, sub: 'c0000000-0000-4000-8000-00000000000a' },
    });
  });
});
