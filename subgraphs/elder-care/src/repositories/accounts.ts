import type { AccountKind, ServiceCategory, TimeBankEntryKind, TransferKind } from '../domain/vocabulary';
import { entryKind } from '../domain/timeBank';
import { insertOrRead, updatedRows, type Sql } from '@civic/shared';
import { hoursOf } from './hours';

export interface AccountRow {
  id: string;
  kind: AccountKind;
  personId: string | null;
  poolRegionCode: string | null;
  regionCode: string | null;
  balance: number;
  totalDeposited: number;
}

/** A community's donation pool: the table's CHECK keeps a pool's region set. */
export interface PoolRow extends AccountRow {
  kind: 'POOL';
  poolRegionCode: string;
}

/** One transfer as it reads on one of its two accounts' statements. */
export interface EntryRow {
  id: string;
  accountId: string;
  kind: TimeBankEntryKind;
  /** signed: positive into this account, negative out of it */
  hours: number;
  requestId: string | null;
  counterpartAccountId: string;
  beneficiaryId: string | null;
  category: ServiceCategory | null;
  reward: string | null;
  actorId: string | null;
  createdAt: Date;
}

/** One movement: `hours` (positive) out of the debit account into the credit account. */
export interface NewTransfer {
  kind: TransferKind;
  debitAccountId: string;
  creditAccountId: string;
  hours: number;
  requestId?: string | null;
  beneficiaryId?: string | null;
  category?: ServiceCategory | null;
  reward?: string | null;
  at?: Date | null;
}

const ACCOUNT = `id, kind, person_id AS "personId", pool_region_code AS "poolRegionCode", region_code AS "regionCode",
  balance, total_deposited AS "totalDeposited"`;
const TRANSFER = `id::text, kind, debit_account_id AS "debitAccountId", credit_account_id AS "creditAccountId", hours,
  request_id AS "requestId", beneficiary_person_id AS "beneficiaryId", category, reward, actor_person_id AS "actorId", created_at AS "createdAt"`;

const toAccount = (row: AccountRow): AccountRow => ({ ...row, balance: Number(row.balance), totalDeposited: Number(row.totalDeposited) });

type TransferRow = Omit<EntryRow, 'accountId' | 'kind' | 'counterpartAccountId' | 'hours'> & {
  kind: TransferKind;
  debitAccountId: string;
  creditAccountId: string;
  hours: string;
};
function toEntry(accountId: string, row: TransferRow): EntryRow {
  const credit = row.creditAccountId === accountId;
  const { debitAccountId, creditAccountId, ...rest } = row;
  return {
    ...rest,
    accountId,
    kind: entryKind(row.kind, credit ? 'CREDIT' : 'DEBIT'),
    hours: (credit ? 1 : -1) * (hoursOf(row.hours) as number),
    counterpartAccountId: credit ? debitAccountId : creditAccountId,
  };
}

export function accountRepository(db: Sql) {
  const select = async (sql: string, params: unknown[]) => ((await db.query(sql, params)) as AccountRow[]).map(toAccount);
  return {
    findByIds: (ids: readonly string[]) => select(`/* accountsByIds */ SELECT ${ACCOUNT} FROM elder_care.time_bank_account WHERE id = ANY($1::uuid[])`, [ids]),

    findByPersonIds: (personIds: readonly string[]) =>
      select(`/* accountsByPersons */ SELECT ${ACCOUNT} FROM elder_care.time_bank_account WHERE person_id = ANY($1::uuid[])`, [personIds]),

    poolsOf: async (regionCodes: readonly string[]) =>
      (await select(`/* poolsOfCommunities */ SELECT ${ACCOUNT} FROM elder_care.time_bank_account WHERE pool_region_code = ANY($1::text[])`, [
        regionCodes,
      ])) as PoolRow[],

    /** Opens the accounts that do not exist yet, in person-id order so concurrent openers never wait on each other in a cycle. */
    ensurePersons: (personIds: string[], regionCode: string | null) =>
      db.query(
        `/* openPersonAccounts */ INSERT INTO elder_care.time_bank_account (kind, person_id, region_code)
         SELECT 'PERSON', p, $2 FROM unnest($1::uuid[]) AS p ORDER BY p ON CONFLICT (person_id) DO NOTHING`,
        [[...personIds].sort(), regionCode],
      ),

    ensurePool: (regionCode: string) =>
      db.query(
        `/* openDonationPool */ INSERT INTO elder_care.time_bank_account (kind, pool_region_code, region_code)
         VALUES ('POOL', $1, $1) ON CONFLICT (pool_region_code) DO NOTHING`,
        [regionCode],
      ),

    /** The city's ISSUING or REDEMPTION account, opened on first use (see cityOf in domain/timeBank.ts). */
    programme: async (kind: 'ISSUING' | 'REDEMPTION', city: string): Promise<AccountRow> =>
      toAccount(
        (
          await insertOrRead<AccountRow>(
            db,
            {
              sql: `/* openProgrammeAccount */ INSERT INTO elder_care.time_bank_account (kind, region_code) VALUES ($1, $2)
                  ON CONFLICT (kind, region_code) WHERE kind IN ('ISSUING', 'REDEMPTION') DO NOTHING RETURNING ${ACCOUNT}`,
              params: [kind, city],
            },
            { sql: `/* programmeAccount */ SELECT ${ACCOUNT} FROM elder_care.time_bank_account WHERE kind = $1 AND region_code = $2`, params: [kind, city] },
          )
        ).row,
      ),

    /**
     * Locks accounts before a transfer posts to them: people's accounts (by id), then
     * pools, then the programme's accounts. Every writer takes them in this one order
     * (a call may lock more later, never one that sorts before what it holds), so none
     * waits on another in a cycle; the programme's hot accounts are held last and
     * shortest. FOR NO KEY UPDATE, not FOR UPDATE: inserting a transfer takes FOR KEY
     * SHARE on its accounts (the foreign keys), which FOR UPDATE conflicts with and
     * deadlocks on under concurrency; FOR NO KEY UPDATE does not.
     */
    lock: (ids: string[]) =>
      select(
        `/* lockAccounts */ SELECT ${ACCOUNT} FROM elder_care.time_bank_account WHERE id = ANY($1::uuid[])
         ORDER BY CASE kind WHEN 'PERSON' THEN 0 WHEN 'POOL' THEN 1 ELSE 2 END, id FOR NO KEY UPDATE`,
        [ids],
      ),

    /**
     * Where a person belongs in elder care, or null for someone it does not know:
     * their account's region, else their own community as an elder, else the
     * community of a team they serve in, else that of an elder they are family of.
     * A donated-to account is opened there, so the officers of the recipient's own
     * region read it (issue 13.9), not the donor's.
     */
    /**
     * 转移接续: a volunteer's account moves with them to their new community; returns
     * how many accounts changed (0 when it is there already, or the person has none).
     */
    moveToCommunity: async (personId: string, communityCode: string): Promise<number> =>
      updatedRows(
        await db.query(
          `/* moveTimeBankAccount */ UPDATE elder_care.time_bank_account SET region_code = $2
           WHERE person_id = $1 AND kind = 'PERSON' AND region_code IS DISTINCT FROM $2 RETURNING id`,
          [personId, communityCode],
        ),
      ).length,

    async homeRegionOf(personId: string): Promise<string | null> {
      const [row] = await db.query(
        `/* homeRegionOfPerson */ SELECT coalesce(
           (SELECT region_code FROM elder_care.time_bank_account WHERE person_id = $1),
           (SELECT region_code FROM elder_care.elder WHERE person_id = $1),
           (SELECT t.region_code FROM elder_care.service_team_member m JOIN elder_care.service_team t ON t.id = m.team_id
             WHERE m.person_id = $1 ORDER BY m.joined_at, t.id LIMIT 1),
           (SELECT e.region_code FROM elder_care.elder_carer c JOIN elder_care.elder e ON e.id = c.elder_id
             WHERE c.person_id = $1 ORDER BY e.id LIMIT 1)) AS region`,
        [personId],
      );
      return row.region ?? null;
    },

    /**
     * Writes the transfers, in order; the database posts each to its two accounts
     * (the balances follow in the same statement) and refuses a pair of accounts
     * the kind does not join, a balance below zero or above the cap.
     */
    transfer: (transfers: NewTransfer[], actorId: string | null) =>
      db.query(
        `/* writeTransfers */ INSERT INTO elder_care.time_bank_transfer
           (kind, debit_account_id, credit_account_id, hours, request_id, beneficiary_person_id, category, reward, actor_person_id, created_at)
         SELECT t.kind, t.debit, t.credit, t.hours, t.request_id, t.beneficiary, t.category, t.reward, $10, coalesce(t.at, now())
         FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::numeric[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::timestamptz[])
           WITH ORDINALITY AS t(kind, debit, credit, hours, request_id, beneficiary, category, reward, at, n)
         ORDER BY t.n`,
        [
          transfers.map((t) => t.kind),
          transfers.map((t) => t.debitAccountId),
          transfers.map((t) => t.creditAccountId),
          transfers.map((t) => t.hours),
          transfers.map((t) => t.requestId ?? null),
          transfers.map((t) => t.beneficiaryId ?? null),
          transfers.map((t) => t.category ?? null),
          transfers.map((t) => t.reward ?? null),
          transfers.map((t) => t.at ?? null),
          actorId,
        ],
      ),

    /** Hours completed by each volunteer and not yet deposited or rejected (PENDING or DISPUTED). */
    pendingOf: (personIds: readonly string[]): Promise<{ personId: string; hours: number }[]> =>
      db.query(
        `/* pendingHours */ SELECT volunteer_person_id AS "personId", sum(hours)::float8 AS hours FROM elder_care.service_request
         WHERE volunteer_person_id = ANY($1::uuid[]) AND hours_status IN ('PENDING', 'DISPUTED') GROUP BY volunteer_person_id`,
        [personIds],
      ),

    /**
     * The same page of each account's entries (every transfer it is a side of),
     * newest first, for many accounts in one statement. The accounts are one array
     * the planner sees (not a lateral join's parameter): the ledger's months hold a
     * few programme accounts on most debits, so a parameter's generic estimate is a
     * ninth of a month, and the plan walked the months' whole ids newest first (570 ms
     * for 20 accounts at city size) instead of reading each side's index, (debit_account_id,
     * id) and (credit_account_id, id), for these accounts' rows (14 ms). The accounts
     * paged are people's and pools', a few hundred transfers at most.
     */
    async entriesOfAccounts(accountIds: readonly string[], limit: number, after: [string, string] | null): Promise<EntryRow[]> {
      const side = (column: string) =>
        `SELECT ${TRANSFER}, id AS sort_id, ${column} AS "ownerAccountId" FROM elder_care.time_bank_transfer
         WHERE ${column} = ANY($1::uuid[]) ${after ? 'AND id < $3::bigint' : ''}`;
      const rows: (TransferRow & { ownerAccountId: string })[] = await db.query(
        `/* ledgerPageOfAccounts */ SELECT * FROM (
           SELECT sides.*, row_number() OVER (PARTITION BY "ownerAccountId" ORDER BY sort_id DESC) AS place
           FROM (${side('debit_account_id')} UNION ALL ${side('credit_account_id')}) sides
         ) paged
         WHERE place <= $2
         ORDER BY "ownerAccountId", sort_id DESC`,
        [accountIds, limit, ...(after ? [after[1]] : [])],
      );
      return rows.map(({ ownerAccountId, sort_id, place, ...row }: any) => toEntry(ownerAccountId, row));
    },

    /** Each account's number of entries, its debits and credits counted on their indexes for all the accounts at once (see entriesOfAccounts). */
    entryCounts: (accountIds: readonly string[]): Promise<{ accountId: string; count: number }[]> =>
      db.query(
        `/* ledgerCountOfAccounts */ SELECT o.id AS "accountId", coalesce(s.count, 0)::int AS count
         FROM unnest($1::uuid[]) AS o(id)
         LEFT JOIN (
           SELECT owner, count(*) AS count FROM (
             SELECT debit_account_id AS owner FROM elder_care.time_bank_transfer WHERE debit_account_id = ANY($1::uuid[])
             UNION ALL
             SELECT credit_account_id FROM elder_care.time_bank_transfer WHERE credit_account_id = ANY($1::uuid[])
           ) sides GROUP BY owner
         ) s ON s.owner = o.id`,
        [accountIds],
      ),
  };
}
export type AccountRepository = ReturnType<typeof accountRepository>;
