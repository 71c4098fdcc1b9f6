import { SignJWT } from 'jose';
import { createAuthenticator } from '../src/auth';
import { signToken } from '../src/tokens';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const authenticate = createAuthenticator({ secret: SECRET });
const SUB = 'c0000000-0000-4000-8000-000000000001';

const expectUnauthenticated = async (header: string | undefined, message: RegExp) => {
  await expect(authenticate(header)).rejects.toMatchObject({
    message: expect.stringMatching(message),
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
};

describe('gateway authentication', () => {
  it('when there is no Authorization header, then the caller is anonymous', async () => {
    await expect(authenticate(undefined)).resolves.toEqual({ sub: null, roles: [], region: null, partner: null });
  });

  it('when the token is valid, then its claims become the identity', async () => {
    const token = await signToken({ sub: SUB, roles: ['DISTRICT_OFFICER'], region: '350105' }, SECRET);
    await expect(authenticate(`Bearer ${token}`)).resolves.toEqual({ sub: SUB, roles: ['DISTRICT_OFFICER'], region: '350105', partner: null });
  });

  it('when the token has expired, then UNAUTHENTICATED says so', async () => {
    const token = await signToken({ sub: SUB, roles: ['ANALYST'], expiresAt: Math.floor(Date.now() / 1000) - 60 }, SECRET);
    await expectUnauthenticated(`Bearer ${token}`, /expired/);
  });

  it('when the token is signed with another secret, then UNAUTHENTICATED', async () => {
    const token = await signToken({ sub: SUB, roles: ['CITY_ADMIN'] }, 'another-secret-that-is-long-enough-too!!');
    await expectUnauthenticated(`Bearer ${token}`, /not valid/);
  });

  it('when the token uses alg none or lacks exp, then UNAUTHENTICATED', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: SUB, roles: ['CITY_ADMIN'], exp: 9e9 })).toString('base64url')}.`;
    await expectUnauthenticated(`Bearer ${unsigned}`, /not valid/);
    const noExp = await new SignJWT({ roles: ['CITY_ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setSubject(SUB).sign(new TextEncoder().encode(SECRET));
    await expectUnauthenticated(`Bearer ${noExp}`, /not valid/);
  });

  it('when a PARTNER token names its partner, then the identity carries it', async () => {
    const token = await signToken({ sub: SUB, roles: ['PARTNER'], region: '350105', partner: 'elder-canteens' }, SECRET);
    await expect(authenticate(`Bearer ${token}`)).resolves.toEqual({ sub: SUB, roles: ['PARTNER'], region: '350105', partner: 'elder-canteens' });
  });

  it.each([
    [{ roles: [] }, /roles/],
    [{ roles: ['SUPERUSER'] }, /roles/],
    [{ roles: ['ANALYST'], region: 'Fuzhou' }, /region/],
    [{ roles: ['PARTNER'], region: '350105' }, /must name its partner/],
    [{ roles: ['PARTNER'], partner: 'Elder Canteens!' }, /not a subgraph name/],
    [{ roles: ['PARTNER'], partner: 42 }, /not a subgraph name/],
    [{ roles: ['DISTRICT_OFFICER'], region: '350105', partner: 'elder-canteens' }, /only a PARTNER/],
  ])('when the claims are %p, then UNAUTHENTICATED', async (claims, message) => {
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(SUB).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    await expectUnauthenticated(`Bearer ${token}`, message);
  });

  const sign = (claims: Record<string, unknown>, sub = SUB) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it.each(['admin', '12345', `${SUB}x`, ''])('when the subject is %p, not a person id, then UNAUTHENTICATED', async (sub) => {
    await expectUnauthenticated(`Bearer ${await sign({ roles: ['CITY_ADMIN'] }, sub)}`, /subject/);
  });

  it('when the subject is an upper-case UUID, then the identity carries it in lower case', async () => {
    const identity = await authenticate(`Bearer ${await sign({ roles: ['VOLUNTEER', 'VOLUNTEER'], region: '350105' }, SUB.toUpperCase())}`);
    expect(identity).toEqual({ sub: SUB, roles: ['VOLUNTEER'], region: '350105', partner: null });
  });

  it('when iat lies in the future beyond the clock skew, then UNAUTHENTICATED; within it, accepted', async () => {
    await expectUnauthenticated(`Bearer ${await sign({ roles: ['ANALYST'], iat: nowSeconds() + 3600 })}`, /future/);
    await expectUnauthenticated(`Bearer ${await sign({ roles: ['ANALYST'], iat: 'yesterday' })}`, /not valid|future/);
    await expect(authenticate(`Bearer ${await sign({ roles: ['ANALYST'], iat: nowSeconds() + 30 })}`)).resolves.toMatchObject({ roles: ['ANALYST'] });
  });

  it('when nbf lies in the future beyond the clock skew, then UNAUTHENTICATED', async () => {
    await expectUnauthenticated(`Bearer ${await sign({ roles: ['ANALYST'], nbf: nowSeconds() + 3600 })}`, /not valid yet/);
    await expect(authenticate(`Bearer ${await sign({ roles: ['ANALYST'], nbf: nowSeconds() - 10 })}`)).resolves.toMatchObject({ roles: ['ANALYST'] });
  });

  it('when the header is not a bearer token, then UNAUTHENTICATED', async () => {
    await expectUnauthenticated('Basic dXNlcjpwYXNz', /Bearer/);
  });
});
