import { regionCodeRange, type Page } from '@civic/shared';
import type { DutyRule } from '../domain/rota';
import type { OpeningDay } from '../domain/openingHours';
import type { EightHavesChecklist, NewStation, StationProfile } from '../domain/stationInput';
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
  /** 八有 item → its evidence ({text, url}; a bare text in rows seeded before evidence had a URL); met when present */
  eightHaves: Partial<Record<EightHave, string | { text: string; url: string | null }>>;
  eightHavesMet: number;
  openWeekdays: number[];
  weekdayKinds: DutyRule['weekdayKinds'];
  weekendKinds: DutyRule['weekendKinds'];
  /** the weekly schedule behind `openingHours`; null for a station whose hours are only posted text */
  openingSchedule: OpeningDay[] | null;
  /** YYYY-MM-DD, for a closed station (null when it was recorded closed without a date) */
  closedOn: string | null;
}

export const STATION_COLUMNS = `s.id, s.name, s.kind, s.region_code AS "regionCode", s.address, s.latitude, s.longitude,
  s.opening_hours AS "openingHours", s.operator_id AS "operatorId", s.amenities, s.helps,
  s.coverage_radius_m AS "coverageRadiusMeters", s.people_covered AS "peopleCovered", s.status, s.mode,
  s.eight_haves AS "eightHaves", s.eight_haves_met AS "eightHavesMet", s.open_weekdays AS "openWeekdays",
  s.weekday_unit_kinds AS "weekdayKinds", s.weekend_unit_kinds AS "weekendKinds",
  s.opening_schedule AS "openingSchedule", to_char(s.closed_on, 'YYYY-MM-DD') AS "closedOn"`;

/** A profile, location or vocabulary change to a station: column → value. */
export type StationChange = StationProfile & {
  latitude?: number;
  longitude?: number;
  openingSchedule?: OpeningDay[];
  openingHours?: string;
  amenities?: Amenity[];
  helps?: HelpKind[];
  operatorId?: string | null;
  eightHaves?: EightHavesChecklist;
};

const CHANGE_COLUMNS: Record<keyof StationChange, { column: string; cast?: string; json?: boolean }> = {
  name: { column: 'name' },
  kind: { column: 'kind' },
  address: { column: 'address' },
  peopleCovered: { column: 'people_covered' },
  mode: { column: 'mode' },
  latitude: { column: 'latitude' },
  longitude: { column: 'longitude' },
  openingSchedule: { column: 'opening_schedule', cast: 'jsonb', json: true },
  openingHours: { column: 'opening_hours' },
  amenities: { column: 'amenities', cast: 'text[]' },
  helps: { column: 'helps', cast: 'text[]' },
  operatorId: { column: 'operator_id', cast: 'uuid' },
  eightHaves: { column: 'eight_haves', cast: 'jsonb', json: true },
};

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

    /**
     * The nearest open station to a community (its own first, else the street's
     * oldest), its managers and who is on duty there at `at`: one statement.
     */
    async staffNear(communityCode: string, at: Date): Promise<{ stationId: string; managerIds: string[]; onDutyIds: string[] } | null> {
      const [row] = await db.query(
        `/* stationStaffNear */ WITH near AS (
           SELECT s.id FROM neighbour_stations.station s
           WHERE s.status = 'OPEN' AND s.region_code >= left($1, 9) AND s.region_code < left($1, 9) || '~'
           ORDER BY (s.region_code = $1) DESC, s.created_at, s.id LIMIT 1)
         SELECT n.id AS "stationId",
           coalesce((SELECT array_agg(m.person_id::text ORDER BY m.person_id) FROM neighbour_stations.station_manager m WHERE m.station_id = n.id), '{}') AS "managerIds",
           coalesce((SELECT array_agg(DISTINCT d.on_duty_person_id::text) FROM neighbour_stations.duty_slot d
                     WHERE d.station_id = n.id AND d.starts_at <= $2 AND d.ends_at > $2
                       AND d.on_duty_person_id IS NOT NULL AND d.no_show_marked_at IS NULL), '{}') AS "onDutyIds"
         FROM near n`,
        [communityCode, at],
      );
      return row ?? null;
    },

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
      const [{ count }] = await db.query(`/* stationsCount */ SELECT count(*)::int AS count FROM neighbour_stations.station s ${where}`, where.params);
      return count;
    },

    async insert(station: NewStation): Promise<StationRow> {
      const [row] = await db.query(
        `/* insertStation */ INSERT INTO neighbour_stations.station AS s
           (name, kind, region_code, latitude, longitude, address, operator_id, people_covered, mode,
            opening_schedule, opening_hours, amenities, helps, eight_haves)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, COALESCE($11, '08:30-12:00, 14:30-18:00'), $12, $13, $14::jsonb)
         RETURNING ${STATION_COLUMNS}`,
        [
          station.name,
          station.kind,
          station.regionCode,
          station.latitude,
          station.longitude,
          station.address,
          station.operatorId,
          station.peopleCovered,
          station.mode,
          station.schedule ? JSON.stringify(station.schedule) : null,
          station.openingHoursText,
          station.amenities,
          station.helps,
          JSON.stringify(station.eightHaves),
        ],
      );
      return row;
    },

    /**
     * The open station of this name in this community, if any, after taking a lock on
     * the pair for the rest of the transaction: two officers opening the same station
     * at once queue here, and the second finds the first's.
     */
    async lockOpenNamed(regionCode: string, name: string, exceptId: string | null = null): Promise<{ id: string } | null> {
      await db.query(`/* lockStationName */ SELECT pg_advisory_xact_lock(hashtextextended('neighbour_stations.station:' || $1 || ':' || $2, 0))`, [
        regionCode,
        name,
      ]);
      const [row] = await db.query(
        `/* openStationNamed */ SELECT id FROM neighbour_stations.station
         WHERE region_code = $1 AND name = $2 AND status = 'OPEN' AND ($3::uuid IS NULL OR id <> $3::uuid) LIMIT 1`,
        [regionCode, name, exceptId],
      );
      return row ?? null;
    },

    /** Locks the station's row for the change that follows (updates of one station queue). */
    async lock(id: string): Promise<void> {
      await db.query(`/* lockStation */ SELECT 1 FROM neighbour_stations.station WHERE id = $1 FOR UPDATE`, [id]);
    },

    async update(id: string, change: StationChange): Promise<StationRow> {
      const entries = Object.entries(change).filter(([, value]) => value !== undefined) as [keyof StationChange, unknown][];
      const sets = entries.map(([field], i) => {
        const { column, cast } = CHANGE_COLUMNS[field];
        return `${column} = $${i + 2}${cast ? `::${cast}` : ''}`;
      });
      const values = entries.map(([field, value]) => (CHANGE_COLUMNS[field].json ? JSON.stringify(value) : value));
      const [rows]: [StationRow[], number] = await db.query(
        `/* updateStation */ UPDATE neighbour_stations.station s SET ${[...sets, 'updated_at = now()'].join(', ')}
         WHERE s.id = $1 RETURNING ${STATION_COLUMNS}`,
        [id, ...values],
      );
      return rows[0];
    },

    /** Closes a station on a date; its unclaimed slots after that date are withdrawn (claimed ones stay as history). */
    async close(id: string, closedOn: string): Promise<StationRow> {
      await db.query(`/* withdrawUnclaimedSlots */ DELETE FROM neighbour_stations.duty_slot WHERE station_id = $1 AND date > $2::date AND claimed_by IS NULL`, [
        id,
        closedOn,
      ]);
      const [rows]: [StationRow[], number] = await db.query(
        `/* closeStation */ UPDATE neighbour_stations.station s SET status = 'CLOSED', closed_on = $2::date, updated_at = now()
         WHERE s.id = $1 RETURNING ${STATION_COLUMNS}`,
        [id, closedOn],
      );
      return rows[0];
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
