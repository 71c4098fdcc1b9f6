import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Identity } from '@civic/shared';

/** Rows each test makes for itself, straight into the subgraph's tables, and the callers who act on them. */
export const XINGANG = '350105001004'; // 马尾区罗星街道新港社区
export const anonymous: Identity = { sub: null, roles: [], region: null };
export const person = (personId: string, region: string | null = XINGANG): Identity => ({ sub: personId, roles: ['VOLUNTEER'], region });
export const volunteer = (personId: string = randomUUID(), region: string | null = XINGANG): Identity => ({ sub: personId, roles: ['VOLUNTEER'], region });
export const officer = (region = '350105'): Identity => ({ sub: randomUUID(), roles: ['DISTRICT_OFFICER'], region });
export const stationManager = (region = XINGANG): Identity => ({ sub: randomUUID(), roles: ['STATION_MANAGER'], region });
export const analyst = (): Identity => ({ sub: randomUUID(), roles: ['ANALYST'], region: null });
export const cityAdmin = (): Identity => ({ sub: randomUUID(), roles: ['CITY_ADMIN'], region: '3501' });

export const codeOf = (body: any): string | undefined => body.errors?.[0]?.extensions?.code;

export interface ArrangedElder {
  id: string;
  personId: string;
  regionCode: string;
  carerId: string;
}

/** An elder with one recorded family carer (a daughter). */
export async function anElder(db: DataSource, regionCode = XINGANG, conditions = ['ADVANCED_AGE', 'LIVING_ALONE']): Promise<ArrangedElder> {
  const personId = randomUUID();
  const carerId = randomUUID();
  const [row] = await db.query(
    `INSERT INTO elder_care.elder (person_id, region_code, conditions, care_needs, care_note, emergency_contact_person_id, emergency_contact_relationship)
     VALUES ($1, $2, $3, '{MEAL,VISIT}', '低盐饮食', $4, '女儿') RETURNING id`,
    [personId, regionCode, conditions, carerId],
  );
  await db.query(`INSERT INTO elder_care.elder_carer (elder_id, person_id, relationship) VALUES ($1, $2, '女儿')`, [row.id, carerId]);
  return { id: row.id, personId, regionCode, carerId };
}

/** A resident group of a community, with its members. */
export async function aResidentGroup(db: DataSource, regionCode = XINGANG, members = [randomUUID(), randomUUID()]) {
  const [row] = await db.query(`INSERT INTO elder_care.service_team (name, kind, region_code) VALUES ('新港社区互助组', 'RESIDENT_GROUP', $1) RETURNING id`, [
    regionCode,
  ]);
  for (const member of members) await db.query(`INSERT INTO elder_care.service_team_member (team_id, person_id) VALUES ($1, $2)`, [row.id, member]);
  return { id: row.id as string, members };
}

/**
 * An account holding `hours`, explained by the ledger as the service would have
 * written it: a completed request in the community, its hours deposited from the
 * city's issuing account (the database posts the balance).
 */
export async function anAccountWith(db: DataSource, personId: string, hours: number, regionCode = XINGANG) {
  const [account] = await db.query(`INSERT INTO elder_care.time_bank_account (kind, person_id, region_code) VALUES ('PERSON', $1, $2) RETURNING id`, [
    personId,
    regionCode,
  ]);
  const [elder] = await db.query(`INSERT INTO elder_care.elder (person_id, region_code) VALUES ($1, $2) RETURNING id`, [randomUUID(), regionCode]);
  const [request] = await db.query(
    `INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, status, volunteer_person_id, hours, hours_status, completed_at)
     VALUES ($1, $2, 'VISIT', 'VOLUNTEER_CLAIM', 'COMPLETED', $3, 1, 'DEPOSITED', now() - interval '30 days') RETURNING id`,
    [elder.id, regionCode, personId],
  );
  const city = regionCode.slice(0, 4);
  await db.query(
    `INSERT INTO elder_care.time_bank_account (kind, region_code) VALUES ('ISSUING', $1)
     ON CONFLICT (kind, region_code) WHERE kind IN ('ISSUING', 'REDEMPTION') DO NOTHING`,
    [city],
  );
  await db.query(
    `INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours, request_id)
     SELECT 'DEPOSIT', id, $2, $3, $4 FROM elder_care.time_bank_account WHERE kind = 'ISSUING' AND region_code = $1`,
    [city, account.id, hours, request.id],
  );
  return account.id as string;
}

/** Everything a refused call must leave as it was: the request, its steps and every ledger. */
export async function snapshot(db: DataSource) {
  const [state] = await db.query(
    `SELECT (SELECT json_agg(r ORDER BY r.id) FROM elder_care.service_request r) AS requests,
            (SELECT count(*)::int FROM elder_care.service_request_step) AS steps,
            (SELECT json_agg(a ORDER BY a.id) FROM elder_care.time_bank_account a) AS accounts,
            (SELECT count(*)::int FROM elder_care.time_bank_transfer) AS transfers`,
  );
  return state;
}

/**
 * The invariants of the books, counted in SQL: accounts whose balance differs from
 * the sum of their transfers' sides, people's accounts and pools below zero, and
 * the sum of every balance (zero: each transfer debits what it credits).
 */
export async function ledgerBreaches(db: DataSource) {
  const [row] = await db.query(LEDGER_CHECK_SQL);
  return { mismatched: row.mismatched, negative: row.negative, ...(row.total === '0.00' || row.total === '0' ? {} : { total: row.total }) } as {
    mismatched: number;
    negative: number;
    total?: string;
  };
}

export const LEDGER_CHECK_SQL = `
  SELECT count(*) FILTER (WHERE a.balance <> coalesce(l.total, 0))::int AS mismatched,
         count(*) FILTER (WHERE a.kind <> 'ISSUING' AND a.balance < 0)::int AS negative,
         coalesce(sum(a.balance), 0)::text AS total
  FROM elder_care.time_bank_account a
  LEFT JOIN (SELECT account, sum(hours) AS total FROM (
      SELECT debit_account_id AS account, -hours AS hours FROM elder_care.time_bank_transfer
      UNION ALL SELECT credit_account_id, hours FROM elder_care.time_bank_transfer) sides GROUP BY account) l ON l.account = a.id`;

/** A community's donation pool holding `hours`, explained by the ledger: a volunteer's served hours overflowed into it. */
export async function aPoolWith(db: DataSource, community: string, hours: number) {
  const donor = await anAccountWith(db, randomUUID(), hours, community);
  const [pool] = await db.query(`INSERT INTO elder_care.time_bank_account (kind, pool_region_code, region_code) VALUES ('POOL', $1, $1) RETURNING id`, [
    community,
  ]);
  await db.query(
    `INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours, request_id)
     SELECT 'OVERFLOW', $1, $2, $3, request_id FROM elder_care.time_bank_transfer WHERE credit_account_id = $1 AND kind = 'DEPOSIT'`,
    [donor, pool.id, hours],
  );
  return pool.id as string;
}
