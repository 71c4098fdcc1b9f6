import { ConfigError, DEV_INTERNAL_SECRET, loadConfig } from '../src/config';
import { subgraphEnv, subgraphSigningSecret } from '../src/main';
import { subgraphSecret } from '../src/auth/signing';

const MASTER = 'a-master-secret-of-at-least-32-characters';
const OWN = 'elder-care-own-secret-of-at-least-32-chars';
const configOf = (env: Record<string, string>) => loadConfig(subgraphEnv, env);

describe('a subgraph running alone: its signing secret', () => {
  it('when in production with its own secret, then that secret is used', () => {
    expect(subgraphSigningSecret(configOf({ NODE_ENV: 'production', CIVIC_SUBGRAPH_SECRET: OWN }), 'elder-care')).toBe(OWN);
  });

  it('when in production it is handed the master secret, then it refuses to start, even with its own secret beside it', () => {
    const config = configOf({ NODE_ENV: 'production', CIVIC_SUBGRAPH_SECRET: OWN, CIVIC_INTERNAL_SECRET: MASTER });
    expect(() => subgraphSigningSecret(config, 'elder-care')).toThrow(ConfigError);
    expect(() => subgraphSigningSecret(config, 'elder-care')).toThrow(/CIVIC_INTERNAL_SECRET must not reach a subgraph/);
  });

  it('when in production without its own secret, then it refuses to start', () => {
    expect(() => subgraphSigningSecret(configOf({ NODE_ENV: 'production' }), 'elder-care')).toThrow(/CIVIC_SUBGRAPH_SECRET must be set/);
  });

  it('when in development, then it derives its secret from the master as `npm start` does', () => {
    expect(subgraphSigningSecret(configOf({ CIVIC_INTERNAL_SECRET: MASTER }), 'elder-care')).toBe(subgraphSecret(MASTER, 'elder-care'));
    expect(subgraphSigningSecret(configOf({}), 'elder-care')).toBe(subgraphSecret(DEV_INTERNAL_SECRET, 'elder-care'));
    expect(subgraphSigningSecret(configOf({ CIVIC_SUBGRAPH_SECRET: OWN }), 'elder-care')).toBe(OWN);
  });
});
