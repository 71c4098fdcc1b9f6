import { readFileSync } from 'node:fs';
import { ConfigError, DEV_INTERNAL_SECRET, subgraphSecret } from '@civic/shared';
import { SUPERGRAPH_FILE, subgraphSigningSecrets, supergraphServices } from '../src/config';

const MASTER = 'a-master-secret-of-at-least-32-characters';
const own = (name: string) => `${name}-own-secret-of-at-least-32-characters`;
const services = ['directory', 'elder-care'];

describe('the gateway: a signing secret for each subgraph', () => {
  it('when the supergraph is read, then every subgraph it calls is named', () => {
    expect(supergraphServices(readFileSync(SUPERGRAPH_FILE, 'utf8'))).toEqual(
      expect.arrayContaining(['directory', 'elder-care', 'veteran-volunteers', 'neighbour-stations', 'assessments', 'elder-canteens']),
    );
  });

  it('when each subgraph has its own secret in production, then those are used and no master secret is needed', () => {
    const env = { CIVIC_SUBGRAPH_SECRET_DIRECTORY: own('directory'), CIVIC_SUBGRAPH_SECRET_ELDER_CARE: own('elder-care') };
    expect(subgraphSigningSecrets(services, { NODE_ENV: 'production', CIVIC_INTERNAL_SECRET: DEV_INTERNAL_SECRET }, env)).toEqual({
      directory: own('directory'),
      'elder-care': own('elder-care'),
    });
  });

  it('when a subgraph has no secret of its own, then it is derived from the master the gateway holds', () => {
    const env = { CIVIC_SUBGRAPH_SECRET_DIRECTORY: own('directory') };
    expect(subgraphSigningSecrets(services, { NODE_ENV: 'production', CIVIC_INTERNAL_SECRET: MASTER }, env)).toEqual({
      directory: own('directory'),
      'elder-care': subgraphSecret(MASTER, 'elder-care'),
    });
  });

  it('when in production a subgraph has neither its own secret nor a master, then the start is refused naming its variable', () => {
    const env = { CIVIC_SUBGRAPH_SECRET_DIRECTORY: own('directory') };
    const start = () => subgraphSigningSecrets(services, { NODE_ENV: 'production', CIVIC_INTERNAL_SECRET: DEV_INTERNAL_SECRET }, env);
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/CIVIC_SUBGRAPH_SECRET_ELDER_CARE/);
  });

  it('when a secret of its own is shorter than 32 characters, then the start is refused', () => {
    const env = { CIVIC_SUBGRAPH_SECRET_DIRECTORY: 'short' };
    expect(() => subgraphSigningSecrets(services, { NODE_ENV: 'development', CIVIC_INTERNAL_SECRET: MASTER }, env)).toThrow(/32 characters/);
  });
});
