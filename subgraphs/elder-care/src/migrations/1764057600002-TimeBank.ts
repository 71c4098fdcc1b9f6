import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 时间银行: one account per person and one donation pool per community, and an
 * append-only ledger. The database itself keeps the rules the code relies on: a
 * balance is never negative, a person's account holds at most 1,500 hours, a
 * request deposits once (unique index), and no ledger row is ever changed.
 */
export class TimeBank1764057600002 implements MigrationInterface {
  name = 'TimeBank1764057600002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE elder_care.time_bank_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid UNIQUE,
        pool_region_code varchar(12) COLLATE "C" UNIQUE,
        region_code varchar(12) COLLATE "C",
        balance numeric(8, 2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
        total_deposited numeric(10, 2) NOT NULL DEFAULT 0 CHECK (total_deposited >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((person_id IS NULL) <> (pool_region_code IS NULL)),
        CHECK (person_id IS NULL OR balance <= 1500)
      )`);
    await db.query(`CREATE INDEX time_bank_account_region_idx ON elder_care.time_bank_account (region_code)`);
    await db.query(`
      CREATE TABLE elder_care.time_bank_entry (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES elder_care.time_bank_account (id),
        kind text NOT NULL CHECK (kind IN ('DEPOSIT', 'REDEMPTION', 'DONATION_IN', 'DONATION_OUT', 'REWARD')),
        hours numeric(8, 2) NOT NULL,
        request_id uuid REFERENCES elder_care.service_request (id),
        counterpart_account_id uuid REFERENCES elder_care.time_bank_account (id),
        beneficiary_person_id uuid,
        category text CHECK (category IN ('MEAL', 'VISIT', 'CLINIC', 'COMPANIONSHIP')),
        reward text,
        actor_person_id uuid,
        idempotency_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (CASE WHEN kind IN ('DEPOSIT', 'DONATION_IN') THEN hours > 0 ELSE hours < 0 END)
      )`);
    await db.query(`CREATE INDEX time_bank_entry_account_idx ON elder_care.time_bank_entry (account_id, id)`);
    // A completed request deposits its hours once, whatever the retries or races.
    await db.query(`
      CREATE UNIQUE INDEX time_bank_entry_one_deposit_idx ON elder_care.time_bank_entry (request_id) WHERE kind = 'DEPOSIT'`);
    await db.query(`
      CREATE UNIQUE INDEX time_bank_entry_idempotency_idx ON elder_care.time_bank_entry (account_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await db.query(`
      CREATE FUNCTION elder_care.refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the time bank ledger is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER time_bank_entry_append_only BEFORE UPDATE OR DELETE ON elder_care.time_bank_entry
        FOR EACH ROW EXECUTE FUNCTION elder_care.refuse_ledger_change()`);
    await db.query(`
      CREATE TRIGGER time_bank_entry_no_truncate BEFORE TRUNCATE ON elder_care.time_bank_entry
        FOR EACH STATEMENT EXECUTE FUNCTION elder_care.refuse_ledger_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE elder_care.time_bank_entry`);
    await db.query(`DROP FUNCTION elder_care.refuse_ledger_change()`);
    await db.query(`DROP TABLE elder_care.time_bank_account`);
  }
}
