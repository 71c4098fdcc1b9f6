import type { HelpKind } from '../domain/vocabulary';
import type { Sql } from '@civic/shared';

export interface StationTeamRow {
  id: string;
  stationId: string;
  name: string;
  serves: HelpKind;
}

const TEAM_COLUMNS = `t.id, t.station_id AS "stationId", t.name, t.serves`;

/** 并联式: a station's volunteer teams, one per group of residents served. */
export function teamRepository(db: Sql) {
  return {
    ofStations: (stationIds: readonly string[]): Promise<StationTeamRow[]> =>
      db.query(
        `/* stationTeams */ SELECT ${TEAM_COLUMNS} FROM neighbour_stations.station_team t
         WHERE t.station_id = ANY($1::uuid[]) ORDER BY t.name`,
        [stationIds],
      ),

    findByIds: (ids: readonly string[]): Promise<StationTeamRow[]> =>
      db.query(`/* stationTeamsByIds */ SELECT ${TEAM_COLUMNS} FROM neighbour_stations.station_team t WHERE t.id = ANY($1::uuid[])`, [ids]),

    membersOf: (teamIds: readonly string[]): Promise<{ teamId: string; personId: string }[]> =>
      db.query(
        `/* stationTeamMembers */ SELECT team_id AS "teamId", person_id AS "personId"
         FROM neighbour_stations.station_team_member WHERE team_id = ANY($1::uuid[]) ORDER BY person_id`,
        [teamIds],
      ),

    async serving(stationId: string, help: HelpKind): Promise<StationTeamRow | null> {
      const rows: StationTeamRow[] = await db.query(
        `/* teamServing */ SELECT ${TEAM_COLUMNS} FROM neighbour_stations.station_team t WHERE t.station_id = $1 AND t.serves = $2`,
        [stationId, help],
      );
      return rows[0] ?? null;
    },

    async isMember(teamId: string, personId: string): Promise<boolean> {
      const rows = await db.query(`/* isTeamMember */ SELECT 1 FROM neighbour_stations.station_team_member WHERE team_id = $1 AND person_id = $2`, [
        teamId,
        personId,
      ]);
      return rows.length > 0;
    },
  };
}
export type TeamRepository = ReturnType<typeof teamRepository>;
