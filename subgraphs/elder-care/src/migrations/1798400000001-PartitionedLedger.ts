import { partitionByMonth, unpartitionByMonth } from '@civic/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEDGER_PARTITIONING } from '../domain/timeBank';

/**
 * The ledger partitioned by month (issue 18.5, README "Scaling"). Its one rule that
 * spans all of it, one deposit per request, cannot stay a unique index: a
 * partitioned table's unique keys must hold `created_at`, and a retried deposit a
 * month later would fall in another month. So the rule gets a table of its own,
 * `time_bank_deposit`, one row per deposited request, written by a statement
 * trigger from the same INSERT that posts the deposits: a second deposit for a
 * request fails with the same unique violation (23505) the index raised, racing or
 * not, whoever connects. The claim names its transfer by the ledger's whole key and
 * is as append-only as the ledger.
 */
export class PartitionedLedger1798400000001 implements MigrationInterface {
  name = 'PartitionedLedger1798400000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE elder_care.time_bank_deposit (
        request_id uuid PRIMARY KEY,
        transfer_id bigint NOT NULL,
        transfer_created_at timestamptz NOT NULL
      )`);
    await db.query(`
      INSERT INTO elder_care.time_bank_deposit (request_id, transfer_id, transfer_created_at)
      SELECT request_id, id, created_at FROM elder_care.time_bank_transfer WHERE kind = 'DEPOSIT'`);
    await db.query(`DROP INDEX elder_care.time_bank_transfer_one_deposit_idx`);

    await partitionByMonth(db, LEDGER_PARTITIONING, { primaryKey: ['id', 'created_at'] });
    // A region's hours by month (hoursByMonth): its deposits over the months asked for, by the request's region.
    await db.query(`
      CREATE INDEX time_bank_transfer_deposits_idx ON elder_care.time_bank_transfer (request_region_code, created_at)
      INCLUDE (hours) WHERE kind = 'DEPOSIT'`);

    await db.query(`
      ALTER TABLE elder_care.time_bank_deposit ADD CONSTRAINT time_bank_deposit_transfer_fkey
        FOREIGN KEY (transfer_id, transfer_created_at) REFERENCES elder_care.time_bank_transfer (id, created_at)`);
    await db.query(`
      CREATE FUNCTION elder_care.claim_deposits() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO elder_care.time_bank_deposit (request_id, transfer_id, transfer_created_at)
        SELECT request_id, id, created_at FROM posted WHERE kind = 'DEPOSIT';
        RETURN NULL;
      END $$`);
    // Named to fire before time_bank_transfer_post (same event, by name): a refused deposit posts nothing.
    await db.query(`
      CREATE TRIGGER time_bank_transfer_claim AFTER INSERT ON elder_care.time_bank_transfer
        REFERENCING NEW TABLE AS posted
        FOR EACH STATEMENT EXECUTE FUNCTION elder_care.claim_deposits()`);
    await db.query(`
      CREATE TRIGGER time_bank_deposit_append_only BEFORE UPDATE OR DELETE ON elder_care.time_bank_deposit
        FOR EACH ROW EXECUTE FUNCTION elder_care.refuse_ledger_change()`);
    await db.query(`
      CREATE TRIGGER time_bank_deposit_no_truncate BEFORE TRUNCATE ON elder_care.time_bank_deposit
        FOR EACH STATEMENT EXECUTE FUNCTION elder_care.refuse_ledger_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER time_bank_transfer_claim ON elder_care.time_bank_transfer`);
    await db.query(`DROP FUNCTION elder_care.claim_deposits()`);
    await db.query(`DROP TABLE elder_care.time_bank_deposit`);
    await db.query(`DROP INDEX elder_care.time_bank_transfer_deposits_idx`);
    await unpartitionByMonth(db, LEDGER_PARTITIONING, { primaryKey: ['id'] });
    await db.query(`CREATE UNIQUE INDEX time_bank_transfer_one_deposit_idx ON elder_care.time_bank_transfer (request_id) WHERE kind = 'DEPOSIT'`);
  }
}
