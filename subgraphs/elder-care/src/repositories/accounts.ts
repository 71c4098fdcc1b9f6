import type { Page } from '@civic/shared';
import type { ServiceCategory, TimeBankEntryKind } from '../domain/vocabulary';
import type { Sql } from '@civic/shared';
import { hoursOf } from './hours';

export interface AccountRow {
  id: string;
  personId: string | null;
  poolRegionCode: string | null;
  regionCode: string | null;
  balance: number;
  totalDeposited: number;
}

export interface EntryRow {
  id: string;
  accountId: string;
  kind: TimeBankEntryKind;
  hours: number;
  requestId: string | null;
  counterpartAccountId: string | null;
  beneficiaryId: string | null;
  category: ServiceCategory | null;
  reward: string | null;
  actorId: string | null;
  createdAt: Date;
}

export type NewEntry = Pick<EntryRow, 'accountId' | 'kind' | 'hours'> &
  Partial<Pick<EntryRow, 'requestId' | 'counterpartAccountId' | 'beneficiaryId' | 'category' | 'reward'>>;

const ACCOUNT = `id, person_id AS "personId", pool_region_code AS "poolRegionCode", region_code AS "regionCode",
  balance, total_deposited AS "totalDeposited"`;
const ENTRY = `id::text, account_id AS "accountId", kind, hours, request_id AS "requestId",
  counterpart_account_id AS "counterpartAccountId", beneficiary_person_id AS "beneficiaryId", category, reward,
  actor_person_id AS "actorId", created_at AS "createdAt"`;

const toAccount = (row: AccountRow): AccountRow => ({ ...row, balance: Number(row.balance), totalDeposited: Number(row.totalDeposited) });
const toEntry = (row: EntryRow): EntryRow => ({ ...row, hours: hoursOf(row.hours) as number });

export function accountRepository(db: Sql) {
  const select = async (sql: string, params: unknown[]) => ((await db.query(sql, params)) as AccountRow[]).map(toAccount);
  return {
    findByIds: (ids: readonly string[]) =>
      select(`/* accountsByIds */ SELECT ${ACCOUNT} FROM elder_care.time_bank_account WHERE id = ANY($1::uuid[])`, [ids]),

    findByPersonIds: (personIds: readonly string[]) =>
      select(`/* accountsByPersons */ SELECT ${ACCOUNT} FROM elder_care.time_bank_account WHERE person_id = ANY($1::uuid[])`, [personIds]),

    poolsOf: (regionCodes: readonly string[]) =>
      select(`/* poolsOfCommunities */ SELECT ${ACCOUNT} FROM elder_care.time_bank_account WHERE pool_region_code = ANY($1::text[])`, [regionCodes]),

    /** Opens the accounts that do not exist yet, in person-id order so concurrent openers never wait on each other in a cycle. */
    ensurePersons: (personIds: string[], regionCode: string | null) =>
      db.query(
        `/* openPersonAccounts */ INSERT INTO elder_care.time_bank_account (person_id, region_code)
         SELECT p, $2 FROM unnest($1::uuid[]) AS p ORDER BY p ON CONFLICT (person_id) DO NOTHING`,
        [[...personIds].sort(), regionCode],
      ),

    ensurePool: (regionCode: string) =>
      db.query(
        `/* openDonationPool */ INSERT INTO elder_care.time_bank_account (pool_region_code, region_code)
         VALUES ($1, $1) ON CONFLICT (pool_region_code) DO NOTHING`,
        [regionCode],
      ),

    /**
     * Locks accounts before any ledger row references them, people's accounts (by
     * id) before pools: every writer takes them in this one order, so none waits
     * on another in a cycle (a deposit locks its volunteer and only then, on
     * overflow, the pool). FOR NO KEY UPDATE, not FOR UPDATE: inserting a ledger
     * row takes FOR KEY SHARE on its account (the foreign key), which FOR UPDATE
     * conflicts with and deadlocks on under concurrency; FOR NO KEY UPDATE does not.
     */
    lock: (ids: string[]) =>
      select(
        `/* lockAccounts */ SELECT ${ACCOUNT} FROM elder_care.time_bank_account WHERE id = ANY($1::uuid[])
         ORDER BY pool_region_code IS NOT NULL, id FOR NO KEY UPDATE`,
        [ids],
      ),

    /** Known to elder care: holds an account, is an elder, an elder's recorded family or a team member. */
    async knowsPerson(personId: string): Promise<boolean> {
      const [row] = await db.query(
        `/* knowsPerson */ SELECT EXISTS (SELECT 1 FROM elder_care.time_bank_account WHERE person_id = $1)
           OR EXISTS (SELECT 1 FROM elder_care.elder WHERE person_id = $1)
           OR EXISTS (SELECT 1 FROM elder_care.elder_carer WHERE person_id = $1)
           OR EXISTS (SELECT 1 FROM elder_care.service_team_member WHERE person_id = $1) AS known`,
        [personId],
      );
      return row.known === true;
    },

    async hasEntryWithKey(accountId: string, key: string): Promise<boolean> {
      const rows = await db.query(
        `/* ledgerEntryByKey */ SELECT 1 FROM elder_care.time_bank_entry WHERE account_id = $1 AND idempotency_key = $2`,
        [accountId, key],
      );
      return rows.length > 0;
    },

    append: (entries: NewEntry[], actorId: string | null, key: string | null = null) =>
      db.query(
        `/* appendLedgerEntries */ INSERT INTO elder_care.time_bank_entry
           (account_id, kind, hours, request_id, counterpart_account_id, beneficiary_person_id, category, reward, actor_person_id, idempotency_key)
         SELECT e.account_id, e.kind, e.hours, e.request_id, e.counterpart, e.beneficiary, e.category, e.reward, $9, CASE WHEN e.n = 1 THEN $10 END
         FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[])
           WITH ORDINALITY AS e(account_id, kind, hours, request_id, counterpart, beneficiary, category, reward, n)`,
        [
          entries.map((e) => e.accountId), entries.map((e) => e.kind), entries.map((e) => e.hours),
          entries.map((e) => e.requestId ?? null), entries.map((e) => e.counterpartAccountId ?? null),
          entries.map((e) => e.beneficiaryId ?? null), entries.map((e) => e.category ?? null), entries.map((e) => e.reward ?? null),
          actorId, key,
        ],
      ),

    /** The balance moves with its ledger rows, in the same transaction; the CHECKs refuse a negative or over-cap balance. */
    adjust: (accountId: string, hours: number, deposited = 0) =>
      db.query(
        `/* adjustBalance */ UPDATE elder_care.time_bank_account
         SET balance = balance + $2::numeric, total_deposited = total_deposited + $3::numeric WHERE id = $1`,
        [accountId, hours, deposited],
      ),

    async entries(accountId: string, page: Page<[string, string]>): Promise<EntryRow[]> {
      const params: unknown[] = [accountId];
      if (page.after) params.push(page.after[1]);
      params.push(page.limit);
      const rows = await db.query(
        `/* ledgerPage */ SELECT ${ENTRY} FROM elder_care.time_bank_entry
         WHERE account_id = $1 ${page.after ? 'AND id < $2::bigint' : ''}
         ORDER BY time_bank_entry.id DESC LIMIT $${params.length}`, // the column, not its text alias: 137 sorts after 99
        params,
      );
      return rows.map(toEntry);
    },

    async entryCount(accountId: string): Promise<number> {
      const [{ count }] = await db.query(
        `/* ledgerCount */ SELECT count(*)::int AS count FROM elder_care.time_bank_entry WHERE account_id = $1`,
        [accountId],
      );
      return count;
    },
  };
}
export type AccountRepository = ReturnType<typeof accountRepository>;
