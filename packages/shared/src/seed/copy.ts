import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from 'typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One value of a COPY row: text (escaped), a number, a boolean, a day or instant, bytes, a text array, or null. */
export type CopyValue = string | number | boolean | Date | Buffer | readonly string[] | null | undefined;

// COPY's text format: backslash, tab, newline and carriage return are escaped; \N is null.
const escapeText = (text: string) => (/[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text);
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
// An array literal's elements quoted ({"a","b"}): its own backslashes and quotes escaped first, then COPY's.
const arrayLiteral = (items: readonly string[]) => `{${items.map((i) => `"${i.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;

function field(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  return escapeText(arrayLiteral(value as readonly string[]));
}

/** Rows as COPY text, about 1 MB a chunk, so millions of rows never sit in memory as one string. */
function* copyText(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row.map(field).join('\t') + '\n';
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * COPY … FROM STDIN on the transaction's own connection: the fastest way into
 * PostgreSQL for rows made in JavaScript (a seed's millions of people), one
 * statement whatever the count. `table` and `columns` are the caller's SQL
 * identifiers, never input. Returns the rows copied.
 */
export async function copyRows(tx: EntityManager, table: string, columns: string[], rows: Iterable<readonly CopyValue[]>): Promise<number> {
  if (!tx.queryRunner) throw new Error('copyRows runs inside a transaction (its EntityManager has a query runner)');
  const client = (await tx.queryRunner.connect()) as PoolClient;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(copyText(rows)), stream);
  return stream.rowCount;
}

/**
 * One statement on the transaction's own connection, answering how many rows it
 * wrote (TypeORM answers an INSERT with no count): what a seed's progress line shows.
 */
export async function executeCounted(tx: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  if (!tx.queryRunner) throw new Error('executeCounted runs inside a transaction (its EntityManager has a query runner)');
  const client = (await tx.queryRunner.connect()) as PoolClient;
  return (await client.query(sql, params)).rowCount ?? 0;
}
