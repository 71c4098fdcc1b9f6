import { Client } from 'pg';

/**
 * Connects once before anything else, so an unreachable database is one clear line
 * naming DATABASE_URL rather than a stack trace from deep inside a pool. The URL's
 * password is never printed.
 */
export async function assertDatabaseReachable(url: string, timeoutMs = 5_000): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new DatabaseUnreachableError(`cannot reach the database at DATABASE_URL (${redactUrl(url)}): ${(error as Error).message || String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export class DatabaseUnreachableError extends Error {}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}
