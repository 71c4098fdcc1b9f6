import type { DataSource, EntityManager } from 'typeorm';
import type { Page } from '@civic/shared';
import { insertOrRead, Where } from '@civic/shared';

export interface VeteranRow {
  id: string;
  personId: string;
  regionCode: string;
  serviceYears: number | null;
  dischargeYear: number | null;
  partyMember: boolean;
  skills: string[];
  enlistmentYear: number | null;
}

export interface NewVeteran {
  personId: string;
  regionCode: string;
  enlistmentYear: number;
  dischargeYear: number;
  partyMember: boolean;
  skills: string[];
}

const COLUMNS = `v.id, v.person_id AS "personId", v.region_code AS "regionCode", v.service_years AS "serviceYears",
  v.discharge_year AS "dischargeYear", v.party_member AS "partyMember", v.skills, v.enlistment_year AS "enlistmentYear"`;

export function veteranRepository(db: DataSource | EntityManager) {
  const filter = (regionCode: string | null) => new Where().region('v.region_code', regionCode);
  return {
    findByIds: (ids: readonly string[]): Promise<VeteranRow[]> =>
      db.query(`/* veteransByIds */ SELECT ${COLUMNS} FROM veteran_volunteers.veteran v WHERE v.id = ANY($1::uuid[])`, [ids]),

    /** A new veteran (made), or the person's veteran record when they are one already (the unique person_id decides, even between concurrent registrations). */
    insert: (v: NewVeteran): Promise<{ row: VeteranRow; made: boolean }> =>
      insertOrRead<VeteranRow>(
        db,
        {
          sql: `/* insertVeteran */ INSERT INTO veteran_volunteers.veteran AS v
                  (person_id, region_code, enlistment_year, discharge_year, service_years, party_member, skills)
                VALUES ($1, $2, $3::smallint, $4::smallint, $4::smallint - $3::smallint, $5, $6) ON CONFLICT (person_id) DO NOTHING RETURNING ${COLUMNS}`,
          params: [v.personId, v.regionCode, v.enlistmentYear, v.dischargeYear, v.partyMember, v.skills],
        },
        { sql: `/* veteranByPerson */ SELECT ${COLUMNS} FROM veteran_volunteers.veteran v WHERE v.person_id = $1`, params: [v.personId] },
      ),

    findByPersonId: async (personId: string): Promise<VeteranRow | null> =>
      (await db.query(`/* veteranByPerson */ SELECT ${COLUMNS} FROM veteran_volunteers.veteran v WHERE v.person_id = $1`, [personId]))[0] ?? null,

    /**
     * Locks one veteran for the rest of the transaction. Two concurrent inserts that
     * break an exclusion constraint can deadlock each other (each waits on the
     * other's uncommitted row); queueing writers per veteran turns that into a plain
     * 23P01 for the second one.
     */
    lock: async (id: string): Promise<VeteranRow | null> =>
      (await db.query(`/* lockVeteran */ SELECT ${COLUMNS} FROM veteran_volunteers.veteran v WHERE v.id = $1 FOR NO KEY UPDATE`, [id]))[0] ?? null,

    /** Current members of many teams at once. */
    currentMembersOf: (teamIds: readonly string[]): Promise<(VeteranRow & { teamId: string })[]> =>
      db.query(
        `/* teamMembers */ SELECT m.team_id AS "teamId", ${COLUMNS}
         FROM veteran_volunteers.team_membership m JOIN veteran_volunteers.veteran v ON v.id = m.veteran_id
         WHERE m.team_id = ANY($1::uuid[]) AND m.left_at IS NULL ORDER BY m.joined_at, v.id`,
        [teamIds],
      ),

    /** Keyset page ordered by (region_code, id). */
    page(regionCode: string | null, page: Page<[string, string]>): Promise<VeteranRow[]> {
      const where = filter(regionCode).when(page.after, '(v.region_code, v.id) > ($, $::uuid)', ...(page.after ?? []));
      return db.query(
        `/* veteransPage */ SELECT ${COLUMNS} FROM veteran_volunteers.veteran v ${where}
         ORDER BY v.region_code, v.id LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    async count(regionCode: string | null): Promise<number> {
      const where = filter(regionCode);
      const [{ count }] = await db.query(`/* veteransCount */ SELECT count(*)::int AS count FROM veteran_volunteers.veteran v ${where}`, where.params);
      return count;
    },
  };
}
export type VeteranRepository = ReturnType<typeof veteranRepository>;
