import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createAuthenticator } from '../src/auth';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const SUB = 'c0000000-0000-4000-8000-000000000002';

const rsToken = (key: KeyLike, kid: string) =>
  new SignJWT({ roles: ['CITY_ADMIN'], region: '35' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setSubject(SUB)
    .setExpirationTime('10m')
    .sign(key);

describe('production tokens from a JWKS URL', () => {
  let server: http.Server;
  let jwksUrl: string;
  let providerKey: KeyLike;
  let strangerKey: KeyLike;

  beforeAll(async () => {
    const provider = await generateKeyPair('RS256');
    providerKey = provider.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(provider.publicKey)), kid: 'provider-1', alg: 'RS256', use: 'sig' };
    // The identity provider's key set, served on loopback as a real provider serves it.
    server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('when a token is signed by a key in the provider`s set, then it is accepted', async () => {
    const authenticate = createAuthenticator(SECRET, jwksUrl);
    await expect(authenticate(`Bearer ${await rsToken(providerKey, 'provider-1')}`)).resolves.toEqual({
      sub: SUB,
      roles: ['CITY_ADMIN'],
      region: '35',
    });
  });

  it('when a token is signed by a key outside the set, then UNAUTHENTICATED', async () => {
    const authenticate = createAuthenticator(SECRET, jwksUrl);
    await expect(authenticate(`Bearer ${await rsToken(strangerKey, 'provider-1')}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('when no JWKS URL is configured, then an RS256 token is refused', async () => {
    const authenticate = createAuthenticator(SECRET);
    await expect(authenticate(`Bearer ${await rsToken(providerKey, 'provider-1')}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
