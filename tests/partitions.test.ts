import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  auditPartitioning,
  dropExpiredPartitions,
  makeMonthlyPartitions,
  openSubgraphDatabase,
  partitionMaintenanceJob,
  provisionDatabase,
  type Sql,
  type SubgraphModule,
} from '@civic/shared';
import { createEmptyTestDatabase, createTestDatabase, TestDatabase, testRolePassword, testSubgraphUrls } from '@civic/shared/src/testing';
import { SUBGRAPHS } from '../graph/subgraphs';
import { seedIfEmpty } from '../graph/seed';
import { CARE_DATA_ACCESS } from '@civic/elder-care/src/domain/audit';
import { requestRepository } from '@civic/elder-care/src/repositories/requests';
import { ELDER_CARE_STATS_SQL } from '@civic/elder-care/test/rollupOracle';
import { STATION_STATS_SQL } from '@civic/neighbour-stations/test/rollupOracle';

/**
 * Issue 18.5: the largest tables are declaratively partitioned (README "Scaling"):
 * service requests and station orders by city, the ledger and the access logs by month.
 */
const CITIES = ['3501', '3502', '3503', '3504', '3505', '3506', '3507', '3508', '3509'];
const AUDIT_LOGS = ['directory.personal_data_access', 'elder_care.care_data_access', 'veteran_volunteers.veteran_data_access'];
const isMigration = (name: string) => (m: unknown) => new (m as new () => { name: string })().name.startsWith(name);
const unpartitioned = (module: SubgraphModule): SubgraphModule => ({
  ...module,
  migrations: (module.migrations as unknown[]).filter((m) => !isMigration('Partitioned')(m)) as SubgraphModule['migrations'],
});
const moduleNamed = (name: string) => SUBGRAPHS.find((m) => m.name === name)!;

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}
const sqlOf = (client: Client): Sql => ({ query: (text, params) => client.query(text, params).then((r) => r.rows) });

async function partitionsOf(client: Client, table: string): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY 1`,
    [table],
  );
  return rows.map((r) => r.name);
}

/** The partitions of `prefix` a plan reads: scanned at all (EXPLAIN), or executed at least once (EXPLAIN ANALYZE). */
function partitionsRead(plan: any, prefix: string, analysed = false): string[] {
  const found = new Set<string>();
  const walk = (node: any) => {
    const name: string | undefined = node['Relation Name'];
    if (name?.startsWith(prefix) && (!analysed || node['Actual Loops'] > 0)) found.add(name);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan[0].Plan);
  return [...found].sort();
}

describe('the partitioned tables, as migrated', () => {
  let database: TestDatabase;
  let admin: Client;
  const clients: Client[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await connect(database.url);
  });
  afterAll(async () => {
    await Promise.all([admin, ...clients].map((c) => c.end()));
    await database.drop();
  });
  const serving = async (schema: string) => {
    const client = await connect(testSubgraphUrls(database.url, schema).url);
    clients.push(client);
    return client;
  };

  it('when the graph is migrated, then requests and orders are ranged by city and the access logs by month, months made ahead', async () => {
    const { rows } = await admin.query(
      `SELECT p.partrelid::regclass::text AS name, p.partstrat AS strategy, a.attname AS key
       FROM pg_partitioned_table p JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0] ORDER BY 1`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: 'elder_care.service_request', strategy: 'r', key: 'region_code' },
        { name: 'neighbour_stations.station_order', strategy: 'r', key: 'region_code' },
        { name: 'elder_care.time_bank_transfer', strategy: 'r', key: 'created_at' },
        ...AUDIT_LOGS.map((name) => ({ name, strategy: 'r', key: 'at' })),
      ]),
    );
    for (const table of ['elder_care.service_request', 'neighbour_stations.station_order']) {
      const name = table.split('.')[1];
      expect(await partitionsOf(admin, table)).toEqual([...CITIES.map((c) => `${name}_${c}`), `${name}_default`]);
    }
    const month = (offset: number) => {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() + offset);
      return `${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    for (const log of AUDIT_LOGS) {
      const name = log.split('.')[1];
      expect(await partitionsOf(admin, log)).toEqual(expect.arrayContaining([0, 1, 2, 3].map((i) => `${name}_${month(i)}`)));
    }
    // The children's region copies are filled only for a row that leaves its region out (a seed's millions that give it call nothing).
    const fills = await admin.query(
      `SELECT tgrelid::regclass::text AS "table", pg_get_triggerdef(oid) LIKE '%FOR EACH ROW WHEN (((new.%IS NOT NULL) AND (new.%region_code IS NULL))) EXECUTE%' AS "whenMissing"
       FROM pg_trigger WHERE strpos(tgname, '_fill_') > 0 AND tgparentid = 0 ORDER BY 1`,
    );
    expect(fills.rows).toEqual(
      ['elder_care.emergency', 'elder_care.service_request_step', 'elder_care.time_bank_transfer', 'neighbour_stations.station_order_step'].map((table) => ({
        table,
        whenMissing: true,
      })),
    );
  });

  it("when an order is placed and its region changes, then it lands in its city's partition, moves with the change, and its steps follow", async () => {
    const stations = await serving('neighbour_stations');
    const [station] = (
      await stations.query(
        `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude)
         VALUES ('test', 'MUTUAL_AID', '350203001001', 24.4, 118.1) RETURNING id`,
      )
    ).rows;
    const [order] = (
      await stations.query(`INSERT INTO neighbour_stations.station_order (station_id, region_code, help) VALUES ($1, '350203001001', 'ELDERLY') RETURNING id`, [
        station.id,
      ])
    ).rows;
    // Written as the repository writes it: the order's id alone; the step's copy of the region is the database's.
    await stations.query(`INSERT INTO neighbour_stations.station_order_step (order_id, status) VALUES ($1, 'PLACED')`, [order.id]);
    const where = async () =>
      (
        await stations.query(
          `SELECT o.tableoid::regclass::text AS partition, s.order_region_code AS step
           FROM neighbour_stations.station_order o JOIN neighbour_stations.station_order_step s ON s.order_id = o.id WHERE o.id = $1`,
          [order.id],
        )
      ).rows;
    expect(await where()).toEqual([{ partition: 'neighbour_stations.station_order_3502', step: '350203001001' }]);

    await stations.query(`UPDATE neighbour_stations.station_order SET region_code = '350102001001' WHERE id = $1`, [order.id]);
    expect(await where()).toEqual([{ partition: 'neighbour_stations.station_order_3501', step: '350102001001' }]);
    // A code outside Fujian's cities has the DEFAULT partition; a step naming a region its order is not in is refused.
    await stations.query(`UPDATE neighbour_stations.station_order SET region_code = '360102001001' WHERE id = $1`, [order.id]);
    expect((await where())[0].partition).toBe('neighbour_stations.station_order_default');
    await expect(
      stations.query(`INSERT INTO neighbour_stations.station_order_step (order_id, order_region_code, status) VALUES ($1, '350203001001', 'PLACED')`, [
        order.id,
      ]),
    ).rejects.toThrow(/foreign key/);
  });

  it('when the maintenance job runs twice at once and again, then each month is made once and the second finds nothing to do', async () => {
    const [a, b] = [await serving('elder_care'), await serving('elder_care')];
    const log = auditPartitioning(CARE_DATA_ACCESS);
    const far = new Date(Date.UTC(2031, 0, 15));
    const made = await Promise.all([makeMonthlyPartitions(sqlOf(a), log, 5, far), makeMonthlyPartitions(sqlOf(b), log, 5, far)]);
    expect(made.sort()).toEqual([0, 6]);
    expect(await makeMonthlyPartitions(sqlOf(a), log, 5, far)).toBe(0);
    const names = await partitionsOf(admin, 'elder_care.care_data_access');
    expect(names.filter((n) => n.startsWith('care_data_access_2031_'))).toEqual(['01', '02', '03', '04', '05', '06'].map((m) => `care_data_access_2031_${m}`));
    // The job itself, as the serving role runs it (no DDL rights of its own): nothing left to make.
    const job = partitionMaintenanceJob([log]);
    await expect(job.run({ query: (text: string, params?: unknown[]) => sqlOf(a).query(text, params) } as unknown as DataSource, {} as never)).resolves.toEqual(
      {
        made: 0,
        dropped: 0,
      },
    );
    // Each month keeps the log's one row per request, subject and field set.
    const insert = `INSERT INTO elder_care.care_data_access (at, actor, actor_roles, elder_id, fields, request_id)
                    VALUES ('2031-02-10', 't', '{CITY_ADMIN}', '00000000-0000-4000-8000-000000000001', '{careNote}', 'request-0001')
                    ON CONFLICT DO NOTHING`;
    expect((await a.query(insert)).rowCount).toBe(1);
    expect((await a.query(insert)).rowCount).toBe(0);
  });

  it("when the access log's retention runs, then whole expired months are dropped, and the serving role still may not UPDATE or DELETE a row", async () => {
    const care = await serving('elder_care');
    const log = auditPartitioning(CARE_DATA_ACCESS);
    const count = async () => (await care.query(`SELECT count(*)::int AS n FROM elder_care.care_data_access`)).rows[0].n;
    const start = await count();
    const old = new Date();
    old.setUTCMonth(old.getUTCMonth() - 40, 1);
    expect(await makeMonthlyPartitions(sqlOf(care), log, 1, old)).toBe(2);
    await care.query(
      `INSERT INTO elder_care.care_data_access (at, actor, actor_roles, elder_id, fields) VALUES ($1, 't', '{CITY_ADMIN}', gen_random_uuid(), '{careNote}')`,
      [old],
    );
    await care.query(
      `INSERT INTO elder_care.care_data_access (actor, actor_roles, elder_id, fields) VALUES ('t', '{CITY_ADMIN}', gen_random_uuid(), '{careNote}')`,
    );
    expect(await count()).toBe(start + 2);

    expect(await dropExpiredPartitions(sqlOf(care), log)).toBe(2);
    expect(await count()).toBe(start + 1);
    expect(await dropExpiredPartitions(sqlOf(care), log)).toBe(0);

    const month = (await partitionsOf(admin, 'elder_care.care_data_access'))[0];
    for (const change of [
      `UPDATE elder_care.care_data_access SET actor = 'someone else'`,
      `DELETE FROM elder_care.care_data_access`,
      `DELETE FROM elder_care.${month}`,
      `TRUNCATE elder_care.${month}`,
    ]) {
      await expect(care.query(change)).rejects.toThrow(/permission denied/);
    }
    // The owner, which may, is held back by the log's trigger on every month.
    const owner = await connect(testSubgraphUrls(database.url, 'elder_care').migrationUrl!);
    clients.push(owner);
    await expect(owner.query(`DELETE FROM elder_care.care_data_access`)).rejects.toThrow(/append-only/);
    await expect(owner.query(`TRUNCATE elder_care.care_data_access`)).rejects.toThrow(/append-only/);
  });
});

/** Columns, row count and a checksum of every row of a table, as they were before the migration. */
async function fingerprint(client: Client, table: string, columns?: string[]) {
  const names =
    columns ??
    (
      await client.query(`SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, [table])
    ).rows.map((r) => r.attname as string);
  const list = names.map((n) => `"${n}"`).join(', ');
  const { rows } = await client.query(`SELECT count(*)::int AS rows, md5(string_agg(md5(row(${list})::text), '' ORDER BY id)) AS checksum FROM ${table}`);
  return { columns: names, ...rows[0] };
}

describe('the partitioning migrations, on a database that already holds a seed', () => {
  let database: TestDatabase;
  let admin: Client;
  const opened: DataSource[] = [];
  const TABLES = [
    'elder_care.service_request',
    'elder_care.service_request_step',
    'elder_care.emergency',
    'elder_care.time_bank_transfer',
    'elder_care.time_bank_account',
    'elder_care.care_data_access',
    'neighbour_stations.station_order',
    'neighbour_stations.station_order_step',
    'directory.personal_data_access',
  ];
  const modules = ['directory', 'elder-care', 'neighbour-stations'].map(moduleNamed);

  beforeAll(async () => {
    database = await createEmptyTestDatabase();
    await provisionDatabase(database.url, modules, testRolePassword);
    admin = await connect(database.url);
  });
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.destroy()));
    await admin.end();
    await database.drop();
  });

  it('when requests, orders, the ledger and the logs are partitioned, then every row, balance and step is kept, and the lists prune to one city', async () => {
    const earlier = [];
    for (const module of modules) {
      const dataSource = await openSubgraphDatabase(unpartitioned(module), testSubgraphUrls(database.url, module.dbSchema), 2);
      opened.push(dataSource);
      earlier.push({ module, dataSource });
    }
    await seedIfEmpty(earlier, { seed: 7, size: 'demo' });
    // Access rows of last month and this one, with request ids, as the graph writes them.
    for (const log of ['directory.personal_data_access', 'elder_care.care_data_access']) {
      const subject = log.startsWith('directory') ? 'person_id' : 'elder_id';
      await admin.query(
        `INSERT INTO ${log} (at, actor, actor_roles, ${subject}, fields, request_id)
         SELECT now() - (i % 2) * interval '32 days', 'official', '{CITY_ADMIN}', gen_random_uuid(), '{phone}', 'request-' || lpad(i::text, 6, '0')
         FROM generate_series(1, 40) i`,
      );
    }
    const was: Record<string, Awaited<ReturnType<typeof fingerprint>>> = {};
    for (const table of TABLES) was[table] = await fingerprint(admin, table);
    expect(was['elder_care.service_request'].rows).toBeGreaterThan(0);
    expect(was['elder_care.time_bank_transfer'].rows).toBeGreaterThan(0);
    expect(was['neighbour_stations.station_order_step'].rows).toBeGreaterThan(0);

    for (const module of modules) opened.push(await openSubgraphDatabase(module, testSubgraphUrls(database.url, module.dbSchema), 2));

    for (const table of TABLES) {
      expect({ table, ...(await fingerprint(admin, table, was[table].columns)) }).toEqual({ table, ...was[table] });
    }
    // The books still balance, and every row is in its city's partition.
    expect((await admin.query(`SELECT sum(balance)::float8 AS total FROM elder_care.time_bank_account`)).rows[0].total).toBe(0);
    // The ledger's rows are in their months, and every deposit made before holds its request's one claim.
    const ledger = await admin.query(
      `SELECT count(DISTINCT tableoid)::int AS months,
              count(*) FILTER (WHERE tableoid::regclass::text <> 'elder_care.time_bank_transfer_' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY_MM'))::int AS misplaced,
              count(*) FILTER (WHERE kind = 'DEPOSIT')::int AS deposits,
              (SELECT count(*)::int FROM elder_care.time_bank_deposit c JOIN elder_care.time_bank_transfer t
                 ON t.id = c.transfer_id AND t.created_at = c.transfer_created_at AND t.request_id = c.request_id AND t.kind = 'DEPOSIT') AS claims
       FROM elder_care.time_bank_transfer`,
    );
    expect(ledger.rows[0]).toEqual({ months: expect.any(Number), misplaced: 0, deposits: expect.any(Number), claims: ledger.rows[0].deposits });
    expect(ledger.rows[0].months).toBeGreaterThan(1);
    expect(ledger.rows[0].deposits).toBeGreaterThan(0);
    const misplaced = await admin.query(
      `SELECT tableoid::regclass::text AS partition, region_code FROM elder_care.service_request
       WHERE tableoid::regclass::text <> 'elder_care.service_request_' || CASE WHEN left(region_code, 4) = ANY($1) THEN left(region_code, 4) ELSE 'default' END`,
      [CITIES],
    );
    expect(misplaced.rows).toEqual([]);
    const steps = await admin.query(
      `SELECT count(*)::int AS n FROM elder_care.service_request_step s JOIN elder_care.service_request r ON r.id = s.request_id
       WHERE s.request_region_code IS DISTINCT FROM r.region_code`,
    );
    expect(steps.rows[0].n).toBe(0);

    // A district's request list, as the repository asks for it, reads one city's partition.
    let asked: { text: string; params: unknown[] } | undefined;
    await requestRepository({
      query: async (text: string, params?: unknown[]) => {
        asked = { text, params: params ?? [] };
        return [];
      },
    }).page({ regionCode: '350203', status: null, elderId: null }, { list: 'Query.serviceRequests', limit: 21, first: 20, after: null });
    const list = await admin.query(`EXPLAIN (FORMAT JSON) ${asked!.text}`, asked!.params);
    expect(partitionsRead(list.rows[0]['QUERY PLAN'], 'service_request_')).toEqual(['service_request_3502']);

    // A city's figures: the region's code comes from the query's own list, so the pruning happens as it runs.
    await admin.query(`SET plan_cache_mode = force_generic_plan`);
    const figures = await admin.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${ELDER_CARE_STATS_SQL}`, [['3502']]);
    expect(partitionsRead(figures.rows[0]['QUERY PLAN'], 'service_request_', true)).toEqual(['service_request_3502']);
    const stations = await admin.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${STATION_STATS_SQL}`, [['350203']]);
    expect(partitionsRead(stations.rows[0]['QUERY PLAN'], 'station_order_', true)).toEqual(['station_order_3502']);
  });
});
