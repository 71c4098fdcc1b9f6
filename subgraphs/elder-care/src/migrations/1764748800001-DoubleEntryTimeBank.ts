import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 时间银行 as double-entry books (issue 13.3, 13.4). Every movement is one row of
 * `time_bank_transfer` that debits one account and credits another by the same
 * positive hours (TigerBeetle's transfer; TimeOverflow's two movements are its two
 * sides), so the books sum to zero by construction. Service hours are issued from
 * the programme's ISSUING account of the city and spent hours go to the city's
 * REDEMPTION account. Balances are kept by the database alone: a trigger posts
 * each transfer to its two accounts, and any other change of a balance is refused.
 *
 * The old single-entry rows are converted: a DEPOSIT for a request becomes a
 * DEPOSIT from the issuing account, one without a request an OPENING_BALANCE, each
 * DONATION_OUT/DONATION_IN pair one transfer (OVERFLOW, GRANT or DONATION by the
 * accounts it joins), a REDEMPTION or REWARD a transfer to the redemption account.
 * The old rows' idempotency keys are not carried over: the write path's key store
 * (IdempotencyKeys migration) keeps keys by caller and operation from now on.
 * The balances are then recomputed from the transfers, and the migration stops
 * if any differs from the balance it had (books that do not explain themselves
 * need a person, not a guess). Completed requests get their hours' review state.
 */
export class DoubleEntryTimeBank1764748800001 implements MigrationInterface {
  name = 'DoubleEntryTimeBank1764748800001';

  async up(db: QueryRunner): Promise<void> {
    // Accounts: the kind, programme accounts per city, a wider balance (an issuing account holds the whole city's).
    await db.query(`
      ALTER TABLE elder_care.time_bank_account
        DROP CONSTRAINT time_bank_account_check,
        DROP CONSTRAINT time_bank_account_balance_check,
        ALTER COLUMN balance TYPE numeric(12, 2),
        ALTER COLUMN total_deposited TYPE numeric(12, 2),
        ADD COLUMN kind text NOT NULL DEFAULT 'PERSON'`);
    await db.query(`UPDATE elder_care.time_bank_account SET kind = 'POOL' WHERE pool_region_code IS NOT NULL`);
    await db.query(`
      ALTER TABLE elder_care.time_bank_account
        ALTER COLUMN kind DROP DEFAULT,
        ADD CONSTRAINT time_bank_account_kind CHECK (kind IN ('PERSON', 'POOL', 'ISSUING', 'REDEMPTION')),
        ADD CONSTRAINT time_bank_account_holder CHECK (CASE kind
          WHEN 'PERSON' THEN person_id IS NOT NULL AND pool_region_code IS NULL
          WHEN 'POOL' THEN pool_region_code IS NOT NULL AND person_id IS NULL
          ELSE person_id IS NULL AND pool_region_code IS NULL AND region_code ~ '^[0-9]{4}$' END),
        ADD CONSTRAINT time_bank_account_sign CHECK (CASE kind WHEN 'ISSUING' THEN balance <= 0 ELSE balance >= 0 END)`);
    await db.query(`
      CREATE UNIQUE INDEX time_bank_account_programme_idx ON elder_care.time_bank_account (kind, region_code)
      WHERE kind IN ('ISSUING', 'REDEMPTION')`);
    await db.query(`
      INSERT INTO elder_care.time_bank_account (kind, region_code)
      SELECT k, c FROM (SELECT DISTINCT left(region_code, 4) AS c FROM elder_care.time_bank_account WHERE region_code IS NOT NULL) cities
      CROSS JOIN unnest(ARRAY['ISSUING', 'REDEMPTION']) AS k`);

    await db.query(`
      CREATE TABLE elder_care.time_bank_transfer (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('OPENING_BALANCE', 'DEPOSIT', 'OVERFLOW', 'DONATION', 'GRANT', 'REDEMPTION', 'REWARD')),
        debit_account_id uuid NOT NULL REFERENCES elder_care.time_bank_account (id),
        credit_account_id uuid NOT NULL REFERENCES elder_care.time_bank_account (id),
        hours numeric(8, 2) NOT NULL CHECK (hours > 0),
        request_id uuid REFERENCES elder_care.service_request (id),
        beneficiary_person_id uuid,
        category text CHECK (category IN ('MEAL', 'VISIT', 'CLINIC', 'COMPANIONSHIP')),
        reward text,
        actor_person_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (debit_account_id <> credit_account_id),
        CHECK (kind NOT IN ('DEPOSIT', 'OVERFLOW') OR request_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX time_bank_transfer_debit_idx ON elder_care.time_bank_transfer (debit_account_id, id)`);
    await db.query(`CREATE INDEX time_bank_transfer_credit_idx ON elder_care.time_bank_transfer (credit_account_id, id)`);
    // A request's hours are deposited once, whatever the retries, races or reviews.
    await db.query(`CREATE UNIQUE INDEX time_bank_transfer_one_deposit_idx ON elder_care.time_bank_transfer (request_id) WHERE kind = 'DEPOSIT'`);

    await this.convertOldRows(db);
    await db.query(`DROP TABLE elder_care.time_bank_entry`);
    await this.guardTheBooks(db);
    await this.reviewState(db);
  }

  /** The single-entry rows as transfers, then every balance recomputed from them and compared. */
  private async convertOldRows(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TEMP TABLE old_balance ON COMMIT DROP AS SELECT id, balance, total_deposited FROM elder_care.time_bank_account`);
    const programme = (kind: string, city: string) =>
      `(SELECT p.id FROM elder_care.time_bank_account p WHERE p.kind = '${kind}' AND p.region_code = left(${city}, 4))`;
    // Donations were written in pairs (out, then in): the n-th out of a kind joins the n-th in that mirrors it.
    await db.query(`
      CREATE TEMP TABLE donation_pair ON COMMIT DROP AS
      WITH outs AS (
        SELECT e.*, row_number() OVER (PARTITION BY account_id, counterpart_account_id, -hours, request_id, created_at ORDER BY id) AS n
        FROM elder_care.time_bank_entry e WHERE kind = 'DONATION_OUT'),
      ins AS (
        SELECT e.*, row_number() OVER (PARTITION BY counterpart_account_id, account_id, hours, request_id, created_at ORDER BY id) AS n
        FROM elder_care.time_bank_entry e WHERE kind = 'DONATION_IN')
      SELECT o.id AS out_id, i.id AS in_id, o.account_id AS debit, i.account_id AS credit, i.hours, o.request_id,
             coalesce(o.actor_person_id, i.actor_person_id) AS actor, o.created_at
      FROM outs o FULL JOIN ins i
        ON i.account_id = o.counterpart_account_id AND i.counterpart_account_id = o.account_id AND i.hours = -o.hours
       AND i.request_id IS NOT DISTINCT FROM o.request_id AND i.created_at = o.created_at AND i.n = o.n`);
    const [unpaired] = await db.query(
      `SELECT count(*)::int AS n, min(coalesce(out_id, in_id)) AS first FROM donation_pair WHERE out_id IS NULL OR in_id IS NULL`,
    );
    if (unpaired.n > 0) throw new Error(`time bank conversion: ${unpaired.n} donation rows have no other side (first: entry ${unpaired.first})`);
    // One transfer per deposit (for a request: from the issuing account of the request's city; without one: an
    // opening balance), per spending (to the redemption account of the holder's city) and per donation pair,
    // in the order of the old rows, so the ledger's paging order still follows time.
    await db.query(`
      INSERT INTO elder_care.time_bank_transfer
        (kind, debit_account_id, credit_account_id, hours, request_id, beneficiary_person_id, category, reward, actor_person_id, created_at)
      SELECT kind, debit, credit, hours, request_id, beneficiary, category, reward, actor, created_at FROM (
        SELECT e.id AS first_id, CASE WHEN e.request_id IS NULL THEN 'OPENING_BALANCE' ELSE 'DEPOSIT' END AS kind,
               ${programme('ISSUING', 'coalesce(r.region_code, a.region_code)')} AS debit, e.account_id AS credit, e.hours, e.request_id,
               NULL::uuid AS beneficiary, NULL AS category, NULL AS reward, e.actor_person_id AS actor, e.created_at
        FROM elder_care.time_bank_entry e JOIN elder_care.time_bank_account a ON a.id = e.account_id
        LEFT JOIN elder_care.service_request r ON r.id = e.request_id
        WHERE e.kind = 'DEPOSIT'
        UNION ALL
        SELECT e.id, e.kind, e.account_id, ${programme('REDEMPTION', 'a.region_code')}, -e.hours, NULL, e.beneficiary_person_id, e.category, e.reward,
               e.actor_person_id, e.created_at
        FROM elder_care.time_bank_entry e JOIN elder_care.time_bank_account a ON a.id = e.account_id
        WHERE e.kind IN ('REDEMPTION', 'REWARD')
        UNION ALL
        SELECT p.out_id, CASE WHEN d.kind = 'POOL' THEN 'GRANT' WHEN c.kind = 'POOL' THEN 'OVERFLOW' ELSE 'DONATION' END,
               p.debit, p.credit, p.hours, p.request_id, NULL, NULL, NULL, p.actor, p.created_at
        FROM donation_pair p JOIN elder_care.time_bank_account d ON d.id = p.debit JOIN elder_care.time_bank_account c ON c.id = p.credit
      ) converted ORDER BY first_id`);
    // The balances, from the transfers alone.
    await db.query(`UPDATE elder_care.time_bank_account SET balance = 0, total_deposited = 0`);
    await db.query(`
      UPDATE elder_care.time_bank_account a SET balance = s.balance, total_deposited = s.deposited
      FROM (SELECT account, sum(hours) AS balance, sum(deposited) AS deposited FROM (
              SELECT debit_account_id AS account, -hours AS hours, 0 AS deposited FROM elder_care.time_bank_transfer
              UNION ALL
              SELECT credit_account_id, hours, CASE WHEN kind IN ('DEPOSIT', 'OPENING_BALANCE') THEN hours ELSE 0 END FROM elder_care.time_bank_transfer
            ) sides GROUP BY account) s
      WHERE s.account = a.id`);
    const [differs] = await db.query(`
      SELECT count(*)::int AS n, min(a.id::text) AS first FROM elder_care.time_bank_account a JOIN old_balance o ON o.id = a.id
      WHERE a.kind IN ('PERSON', 'POOL') AND (a.balance <> o.balance OR a.total_deposited <> o.total_deposited)`);
    if (differs.n > 0) throw new Error(`time bank conversion: ${differs.n} accounts' balances differ from their ledgers (first: ${differs.first})`);
  }

  /**
   * The database keeps the books: a transfer posts to both its accounts in the same
   * statement (and must join the kinds of account its kind names), no balance
   * changes any other way, an account opens at zero, and transfers are never
   * changed or removed. So every balance is the sum of its transfers' sides and
   * all balances sum to zero, whoever connects.
   */
  private async guardTheBooks(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION elder_care.post_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE debit_kind text; credit_kind text;
      BEGIN
        UPDATE elder_care.time_bank_account SET balance = balance - NEW.hours WHERE id = NEW.debit_account_id RETURNING kind INTO debit_kind;
        UPDATE elder_care.time_bank_account
          SET balance = balance + NEW.hours,
              total_deposited = total_deposited + CASE WHEN NEW.kind IN ('DEPOSIT', 'OPENING_BALANCE') THEN NEW.hours ELSE 0 END
          WHERE id = NEW.credit_account_id RETURNING kind INTO credit_kind;
        IF (NEW.kind, debit_kind, credit_kind) NOT IN (
          ('OPENING_BALANCE', 'ISSUING', 'PERSON'), ('DEPOSIT', 'ISSUING', 'PERSON'), ('OVERFLOW', 'PERSON', 'POOL'),
          ('DONATION', 'PERSON', 'PERSON'), ('GRANT', 'POOL', 'PERSON'), ('REDEMPTION', 'PERSON', 'REDEMPTION'), ('REWARD', 'PERSON', 'REDEMPTION')
        ) THEN
          RAISE EXCEPTION 'a % transfer does not move hours from a % account to a % account', NEW.kind, debit_kind, credit_kind;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER time_bank_transfer_post AFTER INSERT ON elder_care.time_bank_transfer
        FOR EACH ROW EXECUTE FUNCTION elder_care.post_transfer()`);
    await db.query(`
      CREATE TRIGGER time_bank_transfer_append_only BEFORE UPDATE OR DELETE ON elder_care.time_bank_transfer
        FOR EACH ROW EXECUTE FUNCTION elder_care.refuse_ledger_change()`);
    await db.query(`
      CREATE TRIGGER time_bank_transfer_no_truncate BEFORE TRUNCATE ON elder_care.time_bank_transfer
        FOR EACH STATEMENT EXECUTE FUNCTION elder_care.refuse_ledger_change()`);
    // pg_trigger_depth() is 1 for a statement's own trigger, 2 when post_transfer's UPDATE fires it.
    await db.query(`
      CREATE FUNCTION elder_care.guard_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND (NEW.balance <> 0 OR NEW.total_deposited <> 0) THEN
          RAISE EXCEPTION 'a time bank account opens at 0 hours; hours arrive by transfer';
        END IF;
        IF TG_OP = 'UPDATE' AND pg_trigger_depth() < 2
           AND (NEW.balance IS DISTINCT FROM OLD.balance OR NEW.total_deposited IS DISTINCT FROM OLD.total_deposited) THEN
          RAISE EXCEPTION 'a time bank balance changes only by transfer';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER time_bank_account_balance_guard BEFORE INSERT OR UPDATE ON elder_care.time_bank_account
        FOR EACH ROW EXECUTE FUNCTION elder_care.guard_balance()`);
  }

  /**
   * 13.4: a completed request's hours are PENDING until the elder's side confirms, an
   * official approves, or 7 days pass; a dispute goes to the district officer. Rows
   * completed before this were deposited on completion: DEPOSITED. Each review step
   * is a step of the request's history, with the hours it concerns.
   */
  private async reviewState(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE elder_care.service_request
        ADD COLUMN hours_status text CHECK (hours_status IN ('PENDING', 'DISPUTED', 'DEPOSITED', 'REJECTED')),
        ADD COLUMN completed_at timestamptz`);
    await db.query(`
      UPDATE elder_care.service_request r
      SET hours_status = CASE WHEN EXISTS (SELECT 1 FROM elder_care.time_bank_transfer t WHERE t.request_id = r.id AND t.kind = 'DEPOSIT')
                              THEN 'DEPOSITED' ELSE 'PENDING' END,
          completed_at = coalesce((SELECT max(s.at) FROM elder_care.service_request_step s WHERE s.request_id = r.id AND s.status = 'COMPLETED'), r.updated_at)
      WHERE status IN ('COMPLETED', 'RATED')`);
    await db.query(`
      ALTER TABLE elder_care.service_request
        ADD CONSTRAINT service_request_hours_reviewed CHECK ((hours_status IS NULL) = (status NOT IN ('COMPLETED', 'RATED'))),
        ADD CONSTRAINT service_request_completed_at CHECK ((completed_at IS NULL) = (hours_status IS NULL))`);
    await db.query(`CREATE INDEX service_request_pending_idx ON elder_care.service_request (completed_at) WHERE hours_status = 'PENDING'`);
    await db.query(`
      ALTER TABLE elder_care.service_request_step
        DROP CONSTRAINT service_request_step_acting_as_check,
        ADD CONSTRAINT service_request_step_acting_as_check
          CHECK (acting_as IN ('ELDER', 'FAMILY_MEMBER', 'STATION_WORKER', 'OFFICER', 'VOLUNTEER', 'GROUP_MEMBER', 'PROGRAMME')),
        ADD COLUMN hours_status text CHECK (hours_status IN ('PENDING', 'DISPUTED', 'DEPOSITED', 'REJECTED')),
        ADD COLUMN hours numeric(5, 2),
        ADD COLUMN note text`);
    await db.query(`
      UPDATE elder_care.service_request_step s SET hours_status = r.hours_status, hours = r.hours
      FROM elder_care.service_request r WHERE r.id = s.request_id AND s.status = 'COMPLETED'`);
  }

  /** Back to single-entry rows: each transfer's sides on people's accounts and pools; the programme's accounts go. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE elder_care.service_request_step
        DROP COLUMN hours_status, DROP COLUMN hours, DROP COLUMN note,
        DROP CONSTRAINT service_request_step_acting_as_check`);
    await db.query(`DELETE FROM elder_care.service_request_step WHERE acting_as = 'PROGRAMME'`);
    await db.query(`
      ALTER TABLE elder_care.service_request_step ADD CONSTRAINT service_request_step_acting_as_check
        CHECK (acting_as IN ('ELDER', 'FAMILY_MEMBER', 'STATION_WORKER', 'OFFICER', 'VOLUNTEER', 'GROUP_MEMBER'))`);
    await db.query(`DROP INDEX elder_care.service_request_pending_idx`);
    await db.query(`ALTER TABLE elder_care.service_request DROP COLUMN hours_status, DROP COLUMN completed_at`);
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
    await db.query(`
      INSERT INTO elder_care.time_bank_entry
        (account_id, kind, hours, request_id, counterpart_account_id, beneficiary_person_id, category, reward, actor_person_id, idempotency_key, created_at)
      SELECT account, kind, hours, request_id, counterpart, beneficiary_person_id, category, reward, actor_person_id, NULL, created_at
      FROM (
        SELECT t.id, 0 AS side, t.debit_account_id AS account,
               CASE WHEN t.kind IN ('REDEMPTION', 'REWARD') THEN t.kind ELSE 'DONATION_OUT' END AS kind, -t.hours AS hours,
               t.request_id, t.credit_account_id AS counterpart, t.beneficiary_person_id, t.category, t.reward, t.actor_person_id, t.created_at
        FROM elder_care.time_bank_transfer t WHERE t.kind IN ('OVERFLOW', 'DONATION', 'GRANT', 'REDEMPTION', 'REWARD')
        UNION ALL
        SELECT t.id, 1, t.credit_account_id, CASE WHEN t.kind IN ('DEPOSIT', 'OPENING_BALANCE') THEN 'DEPOSIT' ELSE 'DONATION_IN' END, t.hours,
               t.request_id, CASE WHEN t.kind IN ('DEPOSIT', 'OPENING_BALANCE') THEN NULL ELSE t.debit_account_id END, NULL, NULL, NULL,
               t.actor_person_id, t.created_at
        FROM elder_care.time_bank_transfer t WHERE t.kind IN ('OPENING_BALANCE', 'DEPOSIT', 'OVERFLOW', 'DONATION', 'GRANT')
      ) sides ORDER BY id, side`);
    await db.query(`CREATE INDEX time_bank_entry_account_idx ON elder_care.time_bank_entry (account_id, id)`);
    await db.query(`CREATE UNIQUE INDEX time_bank_entry_one_deposit_idx ON elder_care.time_bank_entry (request_id) WHERE kind = 'DEPOSIT'`);
    await db.query(`
      CREATE UNIQUE INDEX time_bank_entry_idempotency_idx ON elder_care.time_bank_entry (account_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await db.query(`
      CREATE TRIGGER time_bank_entry_append_only BEFORE UPDATE OR DELETE ON elder_care.time_bank_entry
        FOR EACH ROW EXECUTE FUNCTION elder_care.refuse_ledger_change()`);
    await db.query(`
      CREATE TRIGGER time_bank_entry_no_truncate BEFORE TRUNCATE ON elder_care.time_bank_entry
        FOR EACH STATEMENT EXECUTE FUNCTION elder_care.refuse_ledger_change()`);
    await db.query(`DROP TABLE elder_care.time_bank_transfer`);
    await db.query(`DROP FUNCTION elder_care.post_transfer()`);
    await db.query(`DROP TRIGGER time_bank_account_balance_guard ON elder_care.time_bank_account`);
    await db.query(`DROP FUNCTION elder_care.guard_balance()`);
    await db.query(`DELETE FROM elder_care.time_bank_account WHERE kind IN ('ISSUING', 'REDEMPTION')`);
    await db.query(`DROP INDEX elder_care.time_bank_account_programme_idx`);
    await db.query(`
      ALTER TABLE elder_care.time_bank_account
        DROP CONSTRAINT time_bank_account_kind, DROP CONSTRAINT time_bank_account_holder, DROP CONSTRAINT time_bank_account_sign,
        DROP COLUMN kind,
        ALTER COLUMN balance TYPE numeric(8, 2),
        ALTER COLUMN total_deposited TYPE numeric(10, 2),
        ADD CONSTRAINT time_bank_account_balance_check CHECK (balance >= 0),
        ADD CONSTRAINT time_bank_account_check CHECK ((person_id IS NULL) <> (pool_region_code IS NULL))`);
  }
}
