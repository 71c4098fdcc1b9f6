import { DataSource, MixedList, EntitySchema } from 'typeorm';

export interface SubgraphDataSourceOptions {
  url: string;
  /** the subgraph's own PostgreSQL schema: no subgraph reads another's tables */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  poolSize: number;
  applicationName: string;
}

export function createDataSource(options: SubgraphDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    // Schema changes are migrations only; synchronize would rewrite tables at start.
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: options.poolSize, application_name: options.applicationName },
  });
}

/**
 * Runs the subgraph's pending migrations, each in its own transaction. The schema
 * is created first because TypeORM keeps its migrations table inside it.
 */
export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  // Only when missing: a schema provisioned for its owner role (db/roles.ts) is migrated by a role that may not create schemas.
  const [exists] = await dataSource.query(`/* schemaExists */ SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema]);
  if (!exists) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const ran = await dataSource.runMigrations({ transaction: 'each' });
  return ran.map((migration) => migration.name);
}
