import type { DataSource } from 'typeorm';
import { scratchSchema, type ScratchSchema } from '../testing/scratchSchema';
import { createIdempotencyTableSql } from './keyTable';
import { pruneIdempotencyKeys } from './keyRetention';

const SCHEMA = 'key_retention_test';
const CALLER = 'a0000000-0000-4000-8000-00000000000a';

describe('idempotency key retention', () => {
  let scratch: ScratchSchema;
  let db: DataSource;
  const keys = async () => (await db.query(`SELECT key FROM ${SCHEMA}.idempotency_key ORDER BY key`)).map((r: { key: string }) => r.key);

  beforeAll(async () => {
    scratch = await scratchSchema(SCHEMA, 'key-retention-test');
    db = scratch.db;
    for (const sql of createIdempotencyTableSql(SCHEMA)) await db.query(sql);
  });
  afterAll(() => scratch?.stop());

  it('when keys are pruned, then those older than the cut-off go and newer ones still answer their retries', async () => {
    await db.query(
      `INSERT INTO ${SCHEMA}.idempotency_key (caller, operation, key, arguments_hash, result_type, result_id, created_at)
       VALUES ($1, 'placeOrder', 'old', 'h', 'Order', '1', now() - interval '31 days'),
              ($1, 'placeOrder', 'recent', 'h', 'Order', '2', now() - interval '29 days'),
              ($1, 'placeOrder', 'today', 'h', 'Order', '3', now())`,
      [CALLER],
    );
    const deleted = await pruneIdempotencyKeys(db, SCHEMA, new Date(Date.now() - 30 * 86_400_000));
    expect(deleted).toBe(1);
    expect(await keys()).toEqual(['recent', 'today']);
  });

  it('when a schema has no key store, then nothing is pruned and nothing fails', async () => {
    await expect(pruneIdempotencyKeys(db, 'no_such_schema', new Date())).resolves.toBe(0);
  });
});
