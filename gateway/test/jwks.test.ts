import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createAuthenticator } from '../src/auth';
import { signToken } from '../src/tokens';
import { loadGatewayConfig } from '../src/config';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const SUB = 'c0000000-0000-4000-8000-000000000002';

const rsToken = (key: KeyLike, kid: string, claims: { iss?: string; aud?: string } = {}) =>
  new SignJWT({ roles: ['CITY_ADMIN'], region: '35', ...claims }).setProtectedHeader({ alg: 'RS256', kid }).setSubject(SUB).setExpirationTime('10m').sign(key);

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
    const authenticate = createAuthenticator({ secret: SECRET, jwksUrl });
    await expect(authenticate(`Bearer ${await rsToken(providerKey, 'provider-1')}`)).resolves.toEqual({
      sub: SUB,
      roles: ['CITY_ADMIN'],
      region: '35',
      partner: null,
    });
  });

  it('when a token is signed by a key outside the set, then UNAUTHENTICATED', async () => {
    const authenticate = createAuthenticator({ secret: SECRET, jwksUrl });
    await expect(authenticate(`Bearer ${await rsToken(strangerKey, 'provider-1')}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('when in production with a JWKS URL, then an HS256 development token is refused while the provider`s is accepted', async () => {
    const authenticate = createAuthenticator({ secret: SECRET, jwksUrl, production: true });
    const development = await signToken({ sub: SUB, roles: ['CITY_ADMIN'] }, SECRET);
    await expect(authenticate(`Bearer ${development}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(authenticate(`Bearer ${await rsToken(providerKey, 'provider-1')}`)).resolves.toMatchObject({ sub: SUB });
  });

  it('when in development with a JWKS URL, then HS256 development tokens are still accepted beside the provider`s', async () => {
    const authenticate = createAuthenticator({ secret: SECRET, jwksUrl });
    const development = await signToken({ sub: SUB, roles: ['ANALYST'] }, SECRET);
    await expect(authenticate(`Bearer ${development}`)).resolves.toMatchObject({ roles: ['ANALYST'] });
  });

  it.each([
    ['no issuer', { aud: 'civic-graph' }, /issuer/],
    ['another issuer', { iss: 'https://idp.example.org/', aud: 'civic-graph' }, /issuer/],
    ['another audience', { iss: 'https://idp.fuzhou.gov.cn/', aud: 'another-app' }, /audience/],
    ['no audience', { iss: 'https://idp.fuzhou.gov.cn/' }, /audience/],
  ])('when an issuer and audience are required and the token has %s, then UNAUTHENTICATED says which', async (_what, claims, message) => {
    const authenticate = createAuthenticator({ secret: SECRET, jwksUrl, issuer: 'https://idp.fuzhou.gov.cn/', audience: 'civic-graph' });
    await expect(authenticate(`Bearer ${await rsToken(providerKey, 'provider-1', claims)}`)).rejects.toMatchObject({
      message: expect.stringMatching(message),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const right = await rsToken(providerKey, 'provider-1', { iss: 'https://idp.fuzhou.gov.cn/', aud: 'civic-graph' });
    await expect(authenticate(`Bearer ${right}`)).resolves.toMatchObject({ sub: SUB });
  });

  it('when in production, then the gateway needs a JWT secret only without a JWKS URL', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production' })).toThrow(/CIVIC_JWT_SECRET/);
    expect(loadGatewayConfig({ NODE_ENV: 'production', CIVIC_JWKS_URL: jwksUrl, CIVIC_JWT_SECRET: '' })).toMatchObject({ CIVIC_JWKS_URL: jwksUrl });
    // Compose passes an unset optional variable on as empty: that is unset, not a bad URL.
    expect(loadGatewayConfig({ CIVIC_JWKS_URL: '', CIVIC_JWT_ISSUER: '', CIVIC_JWT_AUDIENCE: '' })).toMatchObject({ NODE_ENV: 'development' });
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', CIVIC_JWKS_URL: '', CIVIC_JWT_SECRET: '' })).toThrow(/CIVIC_JWT_SECRET/);
  });

  it('when no JWKS URL is configured, then an RS256 token is refused', async () => {
    const authenticate = createAuthenticator({ secret: SECRET });
    await expect(authenticate(`Bearer ${await rsToken(providerKey, 'provider-1')}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
