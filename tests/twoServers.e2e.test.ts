import { openSubgraphDatabase, provisionDatabase } from '@civic/shared';
import { SecondServer, startSecondServer, testRolePassword, testSubgraphUrls, withAdminClient } from '@civic/shared/src/testing';
import { SUBGRAPHS } from '../graph/subgraphs';
import { loadLaunchConfig } from '../graph/config';
import { openDatabase } from '../graph/database';
import { startTestGraph, TestGraph } from './harness';

/**
 * Issue 18.5: a domain moves to a PostgreSQL server of its own by configuration
 * (DATABASE_URL_<NAME>) and the graph answers across servers as before. Elder care
 * and veteran volunteers run on a second embedded server; the directory and the
 * rest stay on the run's own, which no longer holds the moved schemas at all.
 */
const MOVED = ['elder-care', 'veteran-volunteers'];
const XINGANG = '350105001004';

describe('subgraphs on separate database servers', () => {
  let second: SecondServer;
  let graph: TestGraph;
  beforeAll(async () => {
    second = await startSecondServer();
    // As `npm start` does on each server: the moved subgraphs' roles and schemas, then their migrations.
    const moved = SUBGRAPHS.filter((m) => MOVED.includes(m.name));
    await provisionDatabase(second.url, moved, testRolePassword);
    for (const module of moved) await (await openSubgraphDatabase(module, testSubgraphUrls(second.url, module.dbSchema), 1)).destroy();
    graph = await startTestGraph({ subgraphDatabases: Object.fromEntries(MOVED.map((name) => [name, second.url])) });
    // The first server's copy keeps no trace of them: whatever they answer comes from the second.
    await withAdminClient(graph.database.url, (c) => c.query('DROP SCHEMA elder_care CASCADE; DROP SCHEMA veteran_volunteers CASCADE'));
  });
  afterAll(async () => {
    await graph?.stop();
    await second?.stop();
  });

  it('when two subgraphs are given their own server, then each connects there as its own role and the others stay', async () => {
    const port = async (name: string) => (await graph.db(name).query(`SELECT current_setting('port')::int AS port, current_user AS role`))[0];
    expect(await port('elder-care')).toEqual({ port: second.port, role: 'civic_elder_care' });
    expect(await port('veteran-volunteers')).toEqual({ port: second.port, role: 'civic_veteran_volunteers' });
    expect((await port('directory')).port).not.toBe(second.port);
  });

  it('when an elder is registered and a district is asked across domains, then the answer joins both servers through the gateway', async () => {
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    const [{ id: personId }] = await graph
      .db('directory')
      .query(`INSERT INTO directory.person (name, gender, birth_date, phone, region_code) VALUES ('林秀英', 'FEMALE', '1938-04-12', NULL, $1) RETURNING id`, [
        XINGANG,
      ]);
    // elder care (second server) confirms the person with the directory (first server) through the gateway.
    const registered = await graph.query(
      `mutation ($input: RegisterElderInput!) { registerElder(input: $input) { id person { id name } } }`,
      { input: { personId, communityCode: XINGANG, conditions: ['ADVANCED_AGE'], careNeeds: ['MEAL'], carers: [] } },
      officer,
    );
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data.registerElder.person).toEqual({ id: personId, name: '林秀英' });

    const dashboard = await graph.query(
      `{ region(code: "350105") { name elderCare { elders } veterans { veterans } stationStats { stations } } }`,
      {},
      officer,
    );
    expect(dashboard.body.errors).toBeUndefined();
    expect(dashboard.body.data.region).toEqual({ name: '马尾区', elderCare: { elders: 1 }, veterans: { veterans: 0 }, stationStats: { stations: 0 } });
  });

  it('when npm start is given DATABASE_URL_<NAME> for two subgraphs, then it makes their roles and schemas on that server only, and the others on DATABASE_URL', async () => {
    const config = loadLaunchConfig({ DATABASE_URL: graph.database.url, DATABASE_URL_ELDER_CARE: second.url, DATABASE_URL_VETERAN_VOLUNTEERS: second.url });
    const opened = await openDatabase(config);
    try {
      expect(opened.embedded).toBeNull();
      expect(SUBGRAPHS.map((m) => [m.name, opened.urlOf(m.name) === second.url])).toEqual(SUBGRAPHS.map((m) => [m.name, MOVED.includes(m.name)]));
      const schemas = async (url: string) =>
        (
          await withAdminClient(url, (c) =>
            c.query(`SELECT nspname AS schema, pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = ANY($1) ORDER BY 1`, [
              SUBGRAPHS.map((m) => m.dbSchema),
            ]),
          )
        ).rows;
      expect(await schemas(second.url)).toEqual([
        { schema: 'elder_care', owner: 'civic_elder_care_owner' },
        { schema: 'veteran_volunteers', owner: 'civic_veteran_volunteers_owner' },
      ]);
      expect((await schemas(graph.database.url)).map((r) => r.schema)).toEqual(
        SUBGRAPHS.filter((m) => !MOVED.includes(m.name))
          .map((m) => m.dbSchema)
          .sort(),
      );
    } finally {
      await opened.stop();
    }
  });
});
