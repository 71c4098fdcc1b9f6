import { Client } from 'pg';
import { serviceLogger } from '../logger';

const logger = serviceLogger('migrations');

/**
 * The first key of every migration lock: advisory locks are one namespace per
 * database, so the graph's locks carry a key of their own ('civ' + 'm') beside
 * the schema's hash.
 */
const MIGRATION_LOCK_CLASS = 0x6369766d;

/**
 * Runs `work` (a subgraph's migrations and reference data) holding a PostgreSQL
 * advisory lock keyed by its schema. TypeORM takes no lock of its own, so two
 * replicas starting together would both create the schema and run the same
 * migration; under the lock the second waits, then finds nothing left to do.
 * The lock lives on a connection of its own, outside the pool the work uses
 * (a pool of one would otherwise wait for itself), and is released in finally;
 * should the process die, PostgreSQL releases it with the connection.
 */
export async function withMigrationLock<T>(url: string, schema: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: `civic-migrations-${schema}` });
  // Ended by the server mid-migration, the client would raise an unhandled 'error'; the work fails on its own connection instead.
  client.on('error', (error) => logger.warn({ err: error, schema }, 'the migration lock connection was closed'));
  await client.connect();
  try {
    const key = [MIGRATION_LOCK_CLASS, schema];
    const { rows } = await client.query<{ locked: boolean }>('/* tryMigrationLock */ SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS locked', key);
    if (!rows[0].locked) {
      logger.info({ schema }, 'another instance is migrating this schema: waiting for it');
      await client.query('/* migrationLock */ SELECT pg_advisory_lock($1::int, hashtext($2))', key);
    }
    try {
      return await work();
    } finally {
      // A connection that failed meanwhile has released the lock with itself.
      await client.query('/* migrationUnlock */ SELECT pg_advisory_unlock($1::int, hashtext($2))', key).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
