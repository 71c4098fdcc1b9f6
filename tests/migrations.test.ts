import type { DataSource } from 'typeorm';
import { migrate, subgraphDataSource, SubgraphModule } from '@civic/shared';
import { createEmptyTestDatabase, TestDatabase } from '@civic/shared/src/testing';
import { SUBGRAPHS } from '../graph/subgraphs';

/**
 * The tables each subgraph's first migrations create. Later migrations may add
 * more. A partner's subgraph need not be listed: it must make at least one table.
 */
const CORE_TABLES: Record<string, string[]> = {
  directory: ['organization', 'person', 'personal_data_access', 'region'],
  'elder-care': ['elder', 'service_request'],
  'veteran-volunteers': ['activity', 'team_membership', 'veteran', 'veteran_team'],
  'neighbour-stations': ['station', 'station_order'],
  assessments: ['assessment', 'certification'],
  'elder-canteens': ['canteen', 'diner', 'meal'],
};

/** Every ordinary, partitioned or materialised table and view outside PostgreSQL's own schemas. */
async function tables(db: DataSource): Promise<{ schema: string; name: string }[]> {
  return db.query(`
    SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    ORDER BY 1, 2`);
}

async function functionsIn(db: DataSource, schema: string): Promise<string[]> {
  const rows: { name: string }[] = await db.query(
    `SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 ORDER BY 1`,
    [schema],
  );
  return rows.map((r) => r.name);
}

async function migrationCount(db: DataSource, schema: string): Promise<number> {
  const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM "${schema}".migrations`);
  return count;
}

describe('the migrations of every subgraph, on an empty database', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  it.each(SUBGRAPHS.map((m) => [m.name, m] as const))(
    'when %s is migrated up, down to nothing and up again, then its tables come, go and come back in its own schema',
    async (_name: string, module: SubgraphModule) => {
      const database = await createEmptyTestDatabase();
      databases.push(database);
      const db = await subgraphDataSource(module, database.url, 2).initialize();
      try {
        const expected = CORE_TABLES[module.name] ?? [];
        const migrations = db.migrations.length;
        expect(migrations).toBeGreaterThan(0);

        const ran = await migrate(db, module.dbSchema);
        expect(ran).toHaveLength(migrations);
        const up = await tables(db);
        // Everything the subgraph made, TypeORM's migrations table included, is in its own schema.
        expect(up.filter((t) => t.schema !== module.dbSchema)).toEqual([]);
        const own = up.map((t) => t.name);
        expect(own.length).toBeGreaterThan(1);
        expect(own).toEqual(expect.arrayContaining([...expected, 'migrations']));
        expect(await migrationCount(db, module.dbSchema)).toBe(migrations);
        expect(await db.showMigrations()).toBe(false);

        for (let i = 0; i < migrations; i++) await db.undoLastMigration();
        // Only the (now empty) migrations table is left, and no function of the subgraph.
        expect(await tables(db)).toEqual([{ schema: module.dbSchema, name: 'migrations' }]);
        expect(await functionsIn(db, module.dbSchema)).toEqual([]);
        expect(await migrationCount(db, module.dbSchema)).toBe(0);

        expect(await migrate(db, module.dbSchema)).toEqual(ran);
        expect((await tables(db)).map((t) => `${t.schema}.${t.name}`)).toEqual(up.map((t) => `${t.schema}.${t.name}`));
      } finally {
        await db.destroy();
      }
    },
  );
});
