import { Client, Pool } from 'pg';
import { GraphQLError } from 'graphql';
import { createTestDatabase, TestDatabase } from '../src/testing';
import { isOutage } from '../src/db/unavailable';
import { freePort } from '../src/ports';
import { formatErrorForCaller } from '../src/graphql/formatError';
import { logger } from '../src/logger';

/** The errors pg really raises when PostgreSQL goes away, told from errors in the request itself. */
describe('an outage told from a bad request', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const caught = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      return error;
    }
    throw new Error('expected an error');
  };
  // As a resolver's error reaches formatError: wrapped by GraphQL.
  const asCaller = (error: unknown) =>
    formatErrorForCaller(logger)(
      { message: String(error), extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      new GraphQLError('x', { originalError: error as Error }),
    );

  it('when nothing listens on the database port, then the refused connection is an outage: SERVICE_UNAVAILABLE', async () => {
    const pool = new Pool({ host: 'localhost', port: await freePort(), user: 'x', database: 'x', connectionTimeoutMillis: 2_000 });
    const error = await caught(() => pool.query('SELECT 1'));
    await pool.end();
    expect(isOutage(error)).toBe(true);
    expect(asCaller(error).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('when the server ends the connection (admin shutdown, 57P01), then it is an outage, mid-query and after', async () => {
    const victim = new Client({ connectionString: database.url });
    await victim.connect();
    victim.on('error', () => undefined);
    const pid = (await victim.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const killer = new Client({ connectionString: database.url });
    await killer.connect();
    const during = caught(() => victim.query('SELECT pg_sleep(5)'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await killer.query('SELECT pg_terminate_backend($1)', [pid]);
    await killer.end();
    const error = await during;
    expect({ code: (error as { code?: string }).code, outage: isOutage(error) }).toEqual({ code: '57P01', outage: true });
    const after = await caught(() => victim.query('SELECT 1'));
    expect(isOutage(after)).toBe(true);
  });

  it('when the SQL itself is wrong or a value does not cast, then it is no outage and stays an internal error', async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const syntax = await caught(() => client.query('SELEC 1'));
      const cast = await caught(() => client.query(`SELECT 'x'::uuid`));
      expect([isOutage(syntax), isOutage(cast)]).toEqual([false, false]);
      expect(asCaller(syntax)).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    } finally {
      await client.end();
    }
  });
});
