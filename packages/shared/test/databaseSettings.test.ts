import { ConfigError, subgraphDatabaseSettings } from '../src/config';

/** Issue 18.5: each subgraph's own server and pool, by configuration alone. */
describe("a subgraph's own database settings", () => {
  const defaults = { DATABASE_URL: 'postgres://civic@db-main:5432/civic', DB_POOL_SIZE: 10 };

  it('when DATABASE_URL_<NAME> and DB_POOL_SIZE_<NAME> are set, then that subgraph alone takes them; the others keep the defaults', () => {
    const env = { DATABASE_URL_ELDER_CARE: 'postgres://civic@db-care:5432/care', DB_POOL_SIZE_ELDER_CARE: '4' };
    expect(subgraphDatabaseSettings(['directory', 'elder-care'], defaults, env)).toEqual({
      directory: { url: 'postgres://civic@db-main:5432/civic', poolSize: 10 },
      'elder-care': { url: 'postgres://civic@db-care:5432/care', poolSize: 4 },
    });
  });

  it('when nothing is set, then a subgraph has no URL (the embedded server), and an empty variable counts as unset', () => {
    expect(subgraphDatabaseSettings(['elder-care'], { DB_POOL_SIZE: 10 }, { DATABASE_URL_ELDER_CARE: '' })).toEqual({
      'elder-care': { url: undefined, poolSize: 10 },
    });
  });

  it('when a per-subgraph variable is bad, then the config refuses, naming it', () => {
    expect(() => subgraphDatabaseSettings(['elder-care'], defaults, { DATABASE_URL_ELDER_CARE: 'mysql://x' })).toThrow(ConfigError);
    expect(() => subgraphDatabaseSettings(['elder-care'], defaults, { DATABASE_URL_ELDER_CARE: 'mysql://x' })).toThrow(/DATABASE_URL_ELDER_CARE/);
    expect(() => subgraphDatabaseSettings(['elder-care'], defaults, { DB_POOL_SIZE_ELDER_CARE: '0' })).toThrow(/DB_POOL_SIZE_ELDER_CARE/);
  });
});
