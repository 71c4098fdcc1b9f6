import type { Page } from '@civic/shared';
import type { TeamKind } from '../domain/vocabulary';
import { Sql, Where } from '@civic/shared';

export interface TeamRow {
  id: string;
  name: string;
  kind: TeamKind;
  regionCode: string;
}

export interface MemberRow {
  teamId: string;
  personId: string;
}

export interface TeamFilter {
  regionCode: string | null;
  kind: TeamKind | null;
  /** only the teams this person belongs to */
  memberOf?: string | null;
}

const COLUMNS = `id, name, kind, region_code AS "regionCode"`;

function filterOf(filter: TeamFilter): Where {
  const where = new Where().region('region_code', filter.regionCode);
  if (filter.kind) where.add(`kind = $`, filter.kind);
  if (filter.memberOf) {
    where.add(`id IN (SELECT team_id FROM elder_care.service_team_member WHERE person_id = $::uuid)`, filter.memberOf);
  }
  return where;
}

export function teamRepository(db: Sql) {
  return {
    findByIds: (ids: readonly string[]): Promise<TeamRow[]> =>
      db.query(`/* teamsByIds */ SELECT ${COLUMNS} FROM elder_care.service_team WHERE id = ANY($1::uuid[])`, [ids]),

    membersOf: (teamIds: readonly string[]): Promise<MemberRow[]> =>
      db.query(
        `/* membersOfTeams */ SELECT team_id AS "teamId", person_id AS "personId"
         FROM elder_care.service_team_member WHERE team_id = ANY($1::uuid[]) ORDER BY joined_at, person_id`,
        [teamIds],
      ),

    /** The resident group a MUTUAL_AID_GROUP request of this community goes to: the oldest one. */
    async residentGroupOf(regionCode: string): Promise<TeamRow | null> {
      const [team] = await db.query(
        `/* residentGroupOfCommunity */ SELECT ${COLUMNS} FROM elder_care.service_team
         WHERE region_code = $1 AND kind = 'RESIDENT_GROUP' ORDER BY created_at, id LIMIT 1`,
        [regionCode],
      );
      return team ?? null;
    },

    page(filter: TeamFilter, page: Page<[string, string]>): Promise<TeamRow[]> {
      const where = filterOf(filter);
      if (page.after) where.add(`(name, id) > ($, $::uuid)`, page.after[0], page.after[1]);
      return db.query(
        `/* teamsPage */ SELECT ${COLUMNS} FROM elder_care.service_team ${where} ORDER BY name, id LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    async count(filter: TeamFilter): Promise<number> {
      const where = filterOf(filter);
      const [{ count }] = await db.query(`/* teamsCount */ SELECT count(*)::int AS count FROM elder_care.service_team ${where}`, where.params);
      return count;
    },
  };
}
