import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Identity } from '@civic/shared';

/** Rows each test makes for itself, straight into the subgraph's tables. */
export const officer = (region: string): Identity => ({ sub: randomUUID(), roles: ['DISTRICT_OFFICER'], region });
export const volunteer = (personId: string): Identity => ({ sub: personId, roles: ['VOLUNTEER'], region: null });
export const anonymous: Identity = { sub: null, roles: [], region: null };

export async function aVeteran(db: DataSource, regionCode = '350105102227', extra: { partyMember?: boolean; skills?: string[] } = {}) {
  const personId = randomUUID();
  const [row] = await db.query(
    `INSERT INTO veteran_volunteers.veteran (person_id, region_code, service_years, discharge_year, party_member, skills)
     VALUES ($1, $2, 6, 1990, $3, $4) RETURNING id`,
    [personId, regionCode, extra.partyMember ?? true, extra.skills ?? ['急救']],
  );
  return { id: row.id as string, personId, regionCode };
}

export async function aTeam(db: DataSource, name = '红色义工队', regionCode = '350105102227', leaderId: string | null = null) {
  const [row] = await db.query(
    `INSERT INTO veteran_volunteers.veteran_team (name, region_code, leader_id, founded_on) VALUES ($1, $2, $3, '2019-12-01') RETURNING id`,
    [name, regionCode, leaderId],
  );
  return { id: row.id as string, name, regionCode };
}

export async function aMember(db: DataSource, teamId: string, veteranId: string) {
  await db.query(`INSERT INTO veteran_volunteers.team_membership (team_id, veteran_id) VALUES ($1, $2)`, [teamId, veteranId]);
}

export async function aCheckpoint(db: DataSource, regionCode = '350105102227', teamId: string | null = null) {
  const [row] = await db.query(
    `INSERT INTO veteran_volunteers.checkpoint (name, region_code, team_id, staffed_from, staffed_until)
     VALUES ('闽江村主干道测温点', $1, $2, '07:00', '22:00') RETURNING id`,
    [regionCode, teamId],
  );
  return { id: row.id as string, regionCode };
}

export async function aHall(db: DataSource, regionCode = '350105101210') {
  const [row] = await db.query(
    `INSERT INTO veteran_volunteers.honour_hall (name, region_code, opened_on) VALUES ('东岐村退役军人荣誉馆', $1, '2020-07-01') RETURNING id`,
    [regionCode],
  );
  return { id: row.id as string, regionCode };
}

export const count = async (db: DataSource, table: string, where = 'true', params: unknown[] = []) =>
  (await db.query(`SELECT count(*)::int AS n FROM veteran_volunteers.${table} WHERE ${where}`, params))[0].n as number;

export const codeOf = (body: any) => body.errors?.[0]?.extensions?.code;
