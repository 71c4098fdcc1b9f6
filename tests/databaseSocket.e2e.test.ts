import { Client } from 'pg';
import { provisionDatabase, roleUrl, schemaRoles } from '@civic/shared';
import { SecondServer, startSecondServer, testRolePassword } from '@civic/shared/src/testing';
import { SUBGRAPHS } from '../graph/subgraphs';

/**
 * Issue 15.3, cheaper hops: the embedded PostgreSQL listens on a Unix socket in its
 * data folder as well as on loopback TCP, and asks for passwords on both. That
 * `npm start` connects every subgraph's pools through it is checked in
 * tests/start.e2e.test.ts; a DATABASE_URL keeps TCP (tests/twoServers.e2e.test.ts).
 */
const one = async (url: string, sql: string) => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0];
  } finally {
    await client.end();
  }
};

describe("the embedded database's Unix socket", () => {
  let server: SecondServer;
  beforeAll(async () => {
    server = await startSecondServer();
    await provisionDatabase(
      server.url,
      SUBGRAPHS.filter((m) => m.name === 'elder-care'),
      testRolePassword,
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('when the embedded server runs, then its socket URL reaches it without TCP and its URL over TCP', async () => {
    expect(server.socketUrl).toMatch(/\?host=%2F.+%2Fpg$/);
    // inet_server_addr() is the server's address of a TCP connection, NULL on a Unix socket.
    expect(await one(server.socketUrl!, 'SELECT inet_server_addr() AS address')).toEqual({ address: null });
    expect(await one(server.url, 'SELECT inet_server_addr() AS address')).toEqual({ address: '127.0.0.1' });
  });

  it("when a subgraph's role logs in over the socket, then it needs its own password: the socket does not trust", async () => {
    const { serving } = schemaRoles('elder_care');
    await expect(one(roleUrl(server.socketUrl!, serving, 'not-its-password'), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    const right = roleUrl(server.socketUrl!, serving, testRolePassword(serving));
    expect(await one(right, 'SELECT current_user AS role, inet_server_addr() AS address')).toEqual({ role: serving, address: null });
  });
});
