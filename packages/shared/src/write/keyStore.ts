import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import type { Sql } from '../sql';
import { insertOrRead } from '../insertOrRead';
import { idempotencyTable } from './keyTable';

export interface StoredKey {
  argumentsHash: string;
  resultType: string;
  resultId: string;
}

/**
 * The arguments' fingerprint: SHA-256 of their canonical JSON (keys sorted at every
 * depth, undefined left out), so the same arguments in another order or with an
 * omitted optional hash alike. The key itself is never part of it.
 */
export function argumentsHash(args: unknown): string {
  const { idempotencyKey: _key, ...rest } = (args ?? {}) as Record<string, unknown>;
  return createHash('sha256')
    .update(stringify(rest) ?? 'null')
    .digest('hex');
}

/** One subgraph's key store, inside the write's transaction. */
export function keyStore(tx: Sql, schema: string) {
  const table = idempotencyTable(schema);
  return {
    /**
     * Claims the key for this call: null when it is ours (go on and write), else the
     * first call's row. A concurrent transaction holding the same key is waited for
     * (insertOrRead): when it commits, its row is read; when it rolls back, the key is ours.
     */
    async claim(caller: string, operation: string, key: string, hash: string): Promise<StoredKey | null> {
      const columns = `arguments_hash AS "argumentsHash", result_type AS "resultType", result_id AS "resultId"`;
      const { row, made } = await insertOrRead<StoredKey>(
        tx,
        {
          sql: `/* claimIdempotencyKey */ INSERT INTO ${table} (caller, operation, key, arguments_hash)
                VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING ${columns}`,
          params: [caller, operation, key, hash],
        },
        { sql: `/* idempotencyKeyRow */ SELECT ${columns} FROM ${table} WHERE caller = $1 AND operation = $2 AND key = $3`, params: [caller, operation, key] },
      );
      return made ? null : row;
    },

    /** The first result, recorded in the transaction that made it. */
    record: (caller: string, operation: string, key: string, resultType: string, resultId: string) =>
      tx.query(
        `/* recordIdempotentResult */ UPDATE ${table} SET result_type = $4, result_id = $5
         WHERE caller = $1 AND operation = $2 AND key = $3`,
        [caller, operation, key, resultType, resultId],
      ),
  };
}
