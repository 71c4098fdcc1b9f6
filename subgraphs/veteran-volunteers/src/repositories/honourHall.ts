import type { DataSource, EntityManager } from 'typeorm';
import type { Page } from '@civic/shared';
import { Where } from '@civic/shared';

export interface HallRow {
  id: string;
  name: string;
  regionCode: string;
  openedOn: string;
  lectures: number;
  events: number;
  visitors: number;
}

export interface VisitRow {
  id: string;
  hallId: string;
  visitedOn: string;
  kind: 'LECTURE' | 'CEREMONY' | 'EXHIBITION' | 'GROUP_VISIT';
  visitorGroup: string;
  title: string | null;
  visitors: number;
}

export type NewVisit = Omit<VisitRow, 'id'>;

const HALL = `h.id, h.name, h.region_code AS "regionCode", to_char(h.opened_on, 'YYYY-MM-DD') AS "openedOn",
  (SELECT count(*) FILTER (WHERE v.kind = 'LECTURE') FROM veteran_volunteers.honour_hall_visit v WHERE v.hall_id = h.id)::int AS lectures,
  (SELECT count(*) FILTER (WHERE v.kind <> 'GROUP_VISIT') FROM veteran_volunteers.honour_hall_visit v WHERE v.hall_id = h.id)::int AS events,
  (SELECT coalesce(sum(v.visitors), 0) FROM veteran_volunteers.honour_hall_visit v WHERE v.hall_id = h.id)::int AS visitors`;
const VISIT = `v.id, v.hall_id AS "hallId", to_char(v.visited_on, 'YYYY-MM-DD') AS "visitedOn", v.kind,
  v.visitor_group AS "visitorGroup", v.title, v.visitors`;

export function honourHallRepository(db: DataSource | EntityManager) {
  return {
    hallsByIds: (ids: readonly string[]): Promise<HallRow[]> =>
      db.query(`/* hallsByIds */ SELECT ${HALL} FROM veteran_volunteers.honour_hall h WHERE h.id = ANY($1::uuid[])`, [ids]),

    visitsByIds: (ids: readonly string[]): Promise<VisitRow[]> =>
      db.query(`/* hallVisitsByIds */ SELECT ${VISIT} FROM veteran_volunteers.honour_hall_visit v WHERE v.id = ANY($1::uuid[])`, [ids]),

    hallsIn(regionCode: string): Promise<HallRow[]> {
      const where = new Where().region('h.region_code', regionCode);
      return db.query(`/* hallsIn */ SELECT ${HALL} FROM veteran_volunteers.honour_hall h ${where} ORDER BY h.opened_on, h.id`, where.params);
    },

    /** Keyset page, latest first: (visited_on, id) descending. */
    visits(hallId: string, page: Page<[string, string]>): Promise<VisitRow[]> {
      const where = new Where().add('v.hall_id = $', hallId).when(page.after, '(v.visited_on, v.id) < ($::date, $::uuid)', ...(page.after ?? []));
      return db.query(
        `/* hallVisitsPage */ SELECT ${VISIT} FROM veteran_volunteers.honour_hall_visit v ${where}
         ORDER BY v.visited_on DESC, v.id DESC LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    async visitCount(hallId: string): Promise<number> {
      const [{ count }] = await db.query(`/* hallVisitsCount */ SELECT count(*)::int AS count FROM veteran_volunteers.honour_hall_visit WHERE hall_id = $1`, [
        hallId,
      ]);
      return count;
    },

    async insertVisit(v: NewVisit, regionCode: string): Promise<VisitRow> {
      const [row] = await db.query(
        `/* recordHallVisit */ INSERT INTO veteran_volunteers.honour_hall_visit AS v (hall_id, region_code, visited_on, kind, visitor_group, title, visitors)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${VISIT}`,
        [v.hallId, regionCode, v.visitedOn, v.kind, v.visitorGroup, v.title, v.visitors],
      );
      return row;
    },
  };
}
export type HonourHallRepository = ReturnType<typeof honourHallRepository>;
