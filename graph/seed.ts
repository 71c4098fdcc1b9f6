import type { DataSource } from 'typeorm';
import type { SeedOptions, StartupState, SubgraphDatabaseUrls, SubgraphModule } from '@civic/shared';
import { secondsSince as seconds, serviceLogger, subgraphDataSource } from '@civic/shared';

const logger = serviceLogger('seed');

/** Rows per table of one schema, for the progress lines (exact counts: a seed is at most a few hundred thousand rows). */
async function rowsPerTable(dataSource: DataSource, schema: string): Promise<Record<string, number>> {
  const tables: { name: string }[] = await dataSource.query(
    `/* seedTables */ SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> 'migrations' AND NOT c.relispartition ORDER BY 1`,
    [schema],
  );
  if (!tables.length) return {};
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const counts: { name: string; rows: number }[] = await dataSource.query(
    `/* seedRowCounts */ ${tables
      .map((t) => `SELECT '${t.name.replace(/'/g, "''")}' AS name, count(*)::int AS rows FROM ${ident(schema)}.${ident(t.name)}`)
      .join(' UNION ALL ')}`,
  );
  return Object.fromEntries(counts.filter((c) => c.rows > 0).map((c) => [c.name, c.rows]));
}

/**
 * Seeds each subgraph that is still empty, in the architecture's order (the
 * directory's people first). A database that already holds data is left alone,
 * so restarting `npm start` never duplicates or overwrites anything. Each step
 * says what it did at info level (a city seed takes minutes), and each subgraph
 * answers its readiness with "seeding" until its own seed is done.
 */
export async function seedIfEmpty(
  subgraphs: { module: SubgraphModule; dataSource: DataSource; startup?: StartupState; database?: SubgraphDatabaseUrls }[],
  options: SeedOptions,
): Promise<string[]> {
  const seeded: string[] = [];
  const began = Date.now();
  let population: SeedOptions['population'];
  for (const { startup } of subgraphs) if (startup) startup.seeding = true;
  for (const { module, dataSource, startup, database } of subgraphs) {
    try {
      if (module.seed && module.isEmpty && (await module.isEmpty(dataSource))) {
        const started = Date.now();
        logger.info({ subgraph: module.name, step: 'seed', size: options.size, seed: options.seed, today: options.today }, `seeding ${module.name}`);
        // As the schema's owner where there is one: a bulk load may set its tables' indexes aside (seed/bulk.ts).
        const owner = database?.migrationUrl ? await subgraphDataSource(module, database.migrationUrl, 1).initialize() : null;
        try {
          await module.seed(owner ?? dataSource, { ...options, population });
        } finally {
          await owner?.destroy();
        }
        const tables = await rowsPerTable(dataSource, module.dbSchema);
        const rows = Object.values(tables).reduce((sum, n) => sum + n, 0);
        logger.info(
          { subgraph: module.name, step: 'seed', rows, tables, seconds: seconds(started) },
          `seeded ${module.name} in ${seconds(started)} s: its tables now hold ${rows} rows`,
        );
        seeded.push(module.name);
      }
      // Read back rather than planned: the directory may hold an earlier seed's people.
      if (module.population) {
        const started = Date.now();
        population = { people: [], organizations: [], ...population, ...(await module.population(dataSource)) };
        logger.debug({ subgraph: module.name, step: 'population', seconds: seconds(started) }, `read ${module.name}'s population`);
      }
    } finally {
      if (startup) startup.seeding = false;
    }
  }
  if (seeded.length) logger.info({ seeded, seconds: seconds(began) }, `seeded ${seeded.length} subgraphs in ${seconds(began)} s`);
  return seeded;
}
