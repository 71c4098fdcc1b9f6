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
  const [row] = await db.query(
    `INSERT INTO elder_care.service_team (name, kind, region_code) VALUES ('新港社区互助组', 'RESIDENT_GROUP', $1) RETURNING id`,
    [regionCode],
  );
  for (const member of members) await db.query(`INSERT INTO elder_care.service_team_member (team_id, person_id) VALUES ($1, $2)`, [row.id, member]);
  return { id: row.id as string, members };
}

/** An account holding `hours`, with the ledger row that explains them (balance = ledger sum). */
export async function anAccountWith(db: DataSource, personId: string, hours: number, regionCode = XINGANG) {
  const [account] = await db.query(
    `INSERT INTO elder_care.time_bank_account (person_id, region_code, balance, total_deposited) VALUES ($1, $2, $3, $3) RETURNING id`,
    [personId, regionCode, hours],
  );
  const [elder] = await db.query(`INSERT INTO elder_care.elder (person_id, region_code) VALUES ($1, $2) RETURNING id`, [randomUUID(), regionCode]);
  const [request] = await db.query(
    `INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, status, volunteer_person_id, hours)
     VALUES ($1, $2, 'VISIT', 'VOLUNTEER_CLAIM', 'COMPLETED', $3, 1) RETURNING id`,
    [elder.id, regionCode, personId],
  );
  await db.query(
    `INSERT INTO elder_care.time_bank_entry (account_id, kind, hours, request_id) VALUES ($1, 'DEPOSIT', $2, $3)`,
    [account.id, hours, request.id],
  );
  return account.id as string;
}

/** Everything a refused call must leave as it was: the request, its steps and every ledger. */
export async function snapshot(db: DataSource) {
  const [state] = await db.query(
    `SELECT (SELECT json_agg(r ORDER BY r.id) FROM elder_care.service_request r) AS requests,
            (SELECT count(*)::int FROM elder_care.service_request_step) AS steps,
            (SELECT json_agg(a ORDER BY a.id) FROM elder_care.time_bank_account a) AS accounts,
            (SELECT count(*)::int FROM elder_care.time_bank_entry) AS entries`,
  );
  return state;
}

/** The two invariants of the bank, counted in SQL: accounts whose balance differs from their ledger, and negative ones. */
export async function ledgerBreaches(db: DataSource) {
  const [row] = await db.query(
    `SELECT count(*) FILTER (WHERE a.balance <> coalesce(l.total, 0))::int AS mismatched,
            count(*) FILTER (WHERE a.balance < 0)::int AS negative
     FROM elder_care.time_bank_account a
     LEFT JOIN (SELECT account_id, sum(hours) AS total FROM elder_care.time_bank_entry GROUP BY account_id) l ON l.account_id = a.id`,
  );
  return row as { mismatched: number; negative: number };
}

/** A community's donation pool holding `hours`, with the ledger row that explains them (from a donor's account). */
export async function aPoolWith(db: DataSource, community: string, hours: number) {
  const donor = await anAccountWith(db, randomUUID(), hours, community);
  const [pool] = await db.query(
    `INSERT INTO elder_care.time_bank_account (pool_region_code, region_code, balance) VALUES ($1, $1, $2) RETURNING id`,
    [community, hours],
  );
  await db.query(`UPDATE elder_care.time_bank_account SET balance = 0 WHERE id = $1`, [donor]);
  await db.query(
    `INSERT INTO elder_care.time_bank_entry (account_id, kind, hours, counterpart_account_id)
     VALUES ($1, 'DONATION_OUT', $3, $2), ($2, 'DONATION_IN', $4, $1)`,
    [donor, pool.id, -hours, hours],
  );
  return pool.id as string;
}
