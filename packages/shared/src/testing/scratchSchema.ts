import type { DataSource } from 'typeorm';
import { createDataSource } from '../db/dataSource';
import { createTestDatabase } from './database';

export interface ScratchSchema {
  db: DataSource;
  stop(): Promise<void>;
}

/**
 * A copy of the test database with one empty schema of the test's own, for a
 * shared module's test on real PostgreSQL (the tables it needs, made by the test).
 */
export async function scratchSchema(schema: string, applicationName: string, poolSize = 2): Promise<ScratchSchema> {
  const database = await createTestDatabase();
  const db = await createDataSource({ url: database.url, schema, entities: [], migrations: [], poolSize, applicationName }).initialize();
  await db.query(`CREATE SCHEMA ${schema}`);
  return {
    db,
    stop: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}
