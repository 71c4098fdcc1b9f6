import { regionCodeRange, type Page } from '@civic/shared';
import type { DutyRule } from '../domain/rota';
import type { Amenity, EightHave, HelpKind, StationKind, StationMode } from '../domain/vocabulary';
import { Sql, Where } from '@civic/shared';

export interface StationRow {
  id: string;
  name: string;
  kind: StationKind;
  regionCode: string;
  address: string;
  latitude: number;
  longitude: number;
  openingHours: string;
  operatorId: string | null;
  amenities: Amenity[];
  helps: HelpKind[];
  coverageRadiusMeters: number;
  peopleCovered: number;
  status: 'OPEN' | 'CLOSED';
  mode: StationMode;
  /** 八有 item → its evidence; an item is met when present */
  eightHaves: Partial<Record<EightHave, string>>;
  eightHavesMet: number;
  openWeekdays: number[];
  weekdayKinds: DutyRule['weekdayKinds'];
  weekendKinds: DutyRule['weekendKinds'];
}

export const STATION_COLUMNS = `s.id, s.name, s.kind, s.region_code AS "regionCode", s.address, s.latitude, s.longitude,
  s.opening_hours AS "openingHours", s.operator_id AS "operatorId", s.amenities, s.helps,
  s.coverage_radius_m AS "coverageRadiusMeters", s.people_covered AS "peopleCovered", s.status, s.mode,
  s.eight_haves AS "eightHaves", s.eight_haves_met AS "eightHavesMet", s.open_weekdays AS "openWeekdays",
  s.weekday_unit_kinds AS "weekdayKinds", s.weekend_unit_kinds AS "weekendKinds"`;

export const dutyRuleOf = (station: StationRow): DutyRule => ({
  openWeekdays: station.openWeekdays,
  weekdayKinds: station.weekdayKinds,
  weekendKinds: station.weekendKinds,
});

export interface StationFilter {
  regionCode: string | null;
  status: 'OPEN' | 'CLOSED' | null;
}

function filterOf(filter: StationFilter): Where {
  const where = new Where();
  if (filter.regionCode) where.add('s.region_code >= $ AND s.region_code < $', ...regionCodeRange(filter.regionCode));
  if (filter.status) where.add('s.status = $', filter.status);
  return where;
}

export function stationRepository(db: Sql) {
  return {
    findByIds: (ids: readonly string[]): Promise<StationRow[]> =>
      db.query(`/* stationsByIds */ SELECT ${STATION_COLUMNS} FROM neighbour_stations.station s WHERE s.id = ANY($1::uuid[])`, [ids]),

    managersOf: (stationIds: readonly string[]): Promise<{ stationId: string; personId: string }[]> =>
      db.query(
        `/* stationManagers */ SELECT station_id AS "stationId", person_id AS "personId"
         FROM neighbour_stations.station_manager WHERE station_id = ANY($1::uuid[])`,
        [stationIds],
      ),

    /** Keyset page ordered by (name, id): stable while stations are added. */
    page(filter: StationFilter, page: Page<[string, string]>): Promise<StationRow[]> {
      const where = filterOf(filter);
      if (page.after) where.add('(s.name, s.id) > ($, $::uuid)', ...page.after);
      return db.query(
        `/* stationsPage */ SELECT ${STATION_COLUMNS} FROM neighbour_stations.station s
         ${where} ORDER BY s.name, s.id LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    async count(filter: StationFilter): Promise<number> {
      const where = filterOf(filter);
      const [{ count }] = await db.query(
        `/* stationsCount */ SELECT count(*)::int AS count FROM neighbour_stations.station s ${where}`,
        where.params,
      );
      return count;
    },

    async setDutyRule(id: string, rule: DutyRule): Promise<StationRow | null> {
      // TypeORM answers an UPDATE with [rows, rowCount].
      const [rows]: [StationRow[], number] = await db.query(
        `/* setDutyRule */ UPDATE neighbour_stations.station s
         SET open_weekdays = $2, weekday_unit_kinds = $3, weekend_unit_kinds = $4
         WHERE s.id = $1 RETURNING ${STATION_COLUMNS}`,
        [id, rule.openWeekdays, rule.weekdayKinds, rule.weekendKinds],
      );
      return rows[0] ?? null;
    },
  };
}
export type StationRepository = ReturnType<typeof stationRepository>;
