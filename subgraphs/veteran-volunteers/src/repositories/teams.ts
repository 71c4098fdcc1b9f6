import type { DataSource, EntityManager } from 'typeorm';
import type { Page } from '@civic/shared';
import { Where } from '@civic/shared';

export interface TeamRow {
  id: string;
  name: string;
  regionCode: string;
  leaderId: string | null;
  servicePointId: string | null;
  foundedOn: string | null;
}

export interface MembershipRow {
  teamId: string;
  veteranId: string;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface ServicePointRow {
  id: string;
  name: string;
  kind: 'CENTRE' | 'STATION';
  regionCode: string;
  pilot: boolean;
}

const COLUMNS = `t.id, t.name, t.region_code AS "regionCode", t.leader_id AS "leaderId",
  t.service_point_id AS "servicePointId", to_char(t.founded_on, 'YYYY-MM-DD') AS "foundedOn"`;
const MEMBERSHIP = `m.team_id AS "teamId", m.veteran_id AS "veteranId", m.joined_at AS "joinedAt", m.left_at AS "leftAt"`;

export function teamRepository(db: DataSource | EntityManager) {
  const filter = (regionCode: string | null) => new Where().region('t.region_code', regionCode);
  return {
    findByIds: (ids: readonly string[]): Promise<TeamRow[]> =>
      db.query(`/* teamsByIds */ SELECT ${COLUMNS} FROM veteran_volunteers.veteran_team t WHERE t.id = ANY($1::uuid[])`, [ids]),

    /** The teams many veterans currently belong to. */
    currentTeamsOf: (veteranIds: readonly string[]): Promise<(TeamRow & { veteranId: string })[]> =>
      db.query(
        `/* veteranTeams */ SELECT m.veteran_id AS "veteranId", ${COLUMNS}
         FROM veteran_volunteers.team_membership m JOIN veteran_volunteers.veteran_team t ON t.id = m.team_id
         WHERE m.veteran_id = ANY($1::uuid[]) AND m.left_at IS NULL ORDER BY t.name, t.id`,
        [veteranIds],
      ),

    membershipsOf: (veteranIds: readonly string[]): Promise<MembershipRow[]> =>
      db.query(
        `/* veteranMemberships */ SELECT ${MEMBERSHIP} FROM veteran_volunteers.team_membership m
         WHERE m.veteran_id = ANY($1::uuid[]) ORDER BY m.joined_at`,
        [veteranIds],
      ),

    servicePointsByIds: (ids: readonly string[]): Promise<ServicePointRow[]> =>
      db.query(
        `/* servicePointsByIds */ SELECT id, name, kind, region_code AS "regionCode", pilot
         FROM veteran_volunteers.service_point WHERE id = ANY($1::uuid[])`,
        [ids],
      ),

    servicePointsIn(regionCode: string): Promise<ServicePointRow[]> {
      const where = new Where().region('region_code', regionCode);
      return db.query(
        `/* servicePointsIn */ SELECT id, name, kind, region_code AS "regionCode", pilot
         FROM veteran_volunteers.service_point ${where} ORDER BY region_code, name`,
        where.params,
      );
    },

    /** Keyset page ordered by (name, id). */
    page(regionCode: string | null, page: Page<[string, string]>): Promise<TeamRow[]> {
      const where = filter(regionCode).when(page.after, '(t.name, t.id) > ($, $::uuid)', ...(page.after ?? []));
      return db.query(
        `/* teamsPage */ SELECT ${COLUMNS} FROM veteran_volunteers.veteran_team t ${where}
         ORDER BY t.name, t.id LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    async count(regionCode: string | null): Promise<number> {
      const where = filter(regionCode);
      const [{ count }] = await db.query(`/* teamsCount */ SELECT count(*)::int AS count FROM veteran_volunteers.veteran_team t ${where}`, where.params);
      return count;
    },
  };
}
export type TeamRepository = ReturnType<typeof teamRepository>;

/** Membership writes, inside the caller's transaction. */
export const membershipWrites = (tx: EntityManager) => ({
  async join(teamId: string, veteranId: string): Promise<MembershipRow> {
    const [row] = await tx.query(
      `/* joinTeam */ INSERT INTO veteran_volunteers.team_membership AS m (team_id, veteran_id) VALUES ($1, $2) RETURNING ${MEMBERSHIP}`,
      [teamId, veteranId],
    );
    return row;
  },

  async leave(teamId: string, veteranId: string): Promise<MembershipRow | null> {
    const [rows] = await tx.query(
      `/* leaveTeam */ UPDATE veteran_volunteers.team_membership AS m SET left_at = greatest(now(), m.joined_at)
       WHERE m.team_id = $1 AND m.veteran_id = $2 AND m.left_at IS NULL RETURNING ${MEMBERSHIP}`,
      [teamId, veteranId],
    );
    return rows[0] ?? null;
  },
});
