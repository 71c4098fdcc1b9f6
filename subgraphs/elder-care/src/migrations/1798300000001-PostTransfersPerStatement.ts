import { MigrationInterface, QueryRunner } from 'typeorm';

const PAIRS = `('OPENING_BALANCE', 'ISSUING', 'PERSON'), ('DEPOSIT', 'ISSUING', 'PERSON'), ('OVERFLOW', 'PERSON', 'POOL'),
  ('DONATION', 'PERSON', 'PERSON'), ('GRANT', 'POOL', 'PERSON'), ('REDEMPTION', 'PERSON', 'REDEMPTION'), ('REWARD', 'PERSON', 'REDEMPTION')`;

/**
 * Transfers post to their accounts once per statement instead of once per row
 * (issue 15.5): the trigger reads the statement's new transfers as a transition
 * table, refuses any whose kind does not join its accounts' kinds, and updates
 * each account touched once, by the sum of its sides. The books are the same
 * (a balance is still the sum of its transfers, changed by no other way, and the
 * account's checks apply to what the statement leaves); a seed's millions of
 * deposits no longer update the city's issuing account a million times.
 */
export class PostTransfersPerStatement1798300000001 implements MigrationInterface {
  name = 'PostTransfersPerStatement1798300000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER time_bank_transfer_post ON elder_care.time_bank_transfer`);
    await db.query(`
      CREATE FUNCTION elder_care.post_transfers() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE wrong record;
      BEGIN
        SELECT p.kind, d.kind AS debit_kind, c.kind AS credit_kind INTO wrong
        FROM posted p
        JOIN elder_care.time_bank_account d ON d.id = p.debit_account_id
        JOIN elder_care.time_bank_account c ON c.id = p.credit_account_id
        WHERE (p.kind, d.kind, c.kind) NOT IN (${PAIRS})
        LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'a % transfer does not move hours from a % account to a % account', wrong.kind, wrong.debit_kind, wrong.credit_kind;
        END IF;
        UPDATE elder_care.time_bank_account a
          SET balance = a.balance + s.hours, total_deposited = a.total_deposited + s.deposited
        FROM (
          SELECT account, sum(hours) AS hours, sum(deposited) AS deposited FROM (
            SELECT debit_account_id AS account, -hours AS hours, 0 AS deposited FROM posted
            UNION ALL
            SELECT credit_account_id, hours, CASE WHEN kind IN ('DEPOSIT', 'OPENING_BALANCE') THEN hours ELSE 0 END FROM posted
          ) sides GROUP BY account
        ) s
        WHERE a.id = s.account;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER time_bank_transfer_post AFTER INSERT ON elder_care.time_bank_transfer
        REFERENCING NEW TABLE AS posted
        FOR EACH STATEMENT EXECUTE FUNCTION elder_care.post_transfers()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER time_bank_transfer_post ON elder_care.time_bank_transfer`);
    await db.query(`DROP FUNCTION elder_care.post_transfers()`);
    await db.query(`
      CREATE TRIGGER time_bank_transfer_post AFTER INSERT ON elder_care.time_bank_transfer
        FOR EACH ROW EXECUTE FUNCTION elder_care.post_transfer()`);
  }
}
