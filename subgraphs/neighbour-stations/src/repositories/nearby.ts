import { regionCodeRange } from '@civic/shared';
import { STATION_COLUMNS, StationRow } from './stations';
import type { Sql } from '@civic/shared';

/**
 * The 15-minute circle. `earth_box(point, r) @> ll_to_earth(lat, lon)` is what the
 * GiST index station_earth_idx answers; the box is a little larger than the
 * circle, so `earth_distance` rechecks each candidate exactly. cube and
 * earthdistance live in `public` and are named so, whatever the search_path.
 */
const POINT = 'public.ll_to_earth($1::float8, $2::float8)';
const STATION_POINT = 'public.ll_to_earth(s.latitude, s.longitude)';

export const STATIONS_NEAR_SQL = `/* stationsNear */
  SELECT ${STATION_COLUMNS}, public.earth_distance(${POINT}, ${STATION_POINT}) AS meters
  FROM neighbour_stations.station s
  WHERE public.earth_box(${POINT}, $3::float8) OPERATOR(public.@>) ${STATION_POINT}
    AND public.earth_distance(${POINT}, ${STATION_POINT}) <= $3::float8
    AND s.status = 'OPEN'
  ORDER BY meters, s.id
  LIMIT $4`;

const CENTRE = 'public.ll_to_earth(c.latitude, c.longitude)';

/** Communities with no open station within $3 m; the nearest within 50 km, for context. */
export const COMMUNITIES_WITHOUT_STATION_SQL = `/* communitiesWithoutStation */
  SELECT c.region_code AS "regionCode", c.name, c.latitude, c.longitude,
         n.id AS "nearestId", n.meters AS "nearestMeters"
  FROM neighbour_stations.community_centre c
  LEFT JOIN LATERAL (
    SELECT s.id, public.earth_distance(${CENTRE}, ${STATION_POINT}) AS meters
    FROM neighbour_stations.station s
    WHERE public.earth_box(${CENTRE}, 50000) OPERATOR(public.@>) ${STATION_POINT} AND s.status = 'OPEN'
    ORDER BY meters, s.id LIMIT 1
  ) n ON true
  WHERE c.region_code >= $1 AND c.region_code < $2
    AND NOT EXISTS (
      SELECT 1 FROM neighbour_stations.station s
      WHERE public.earth_box(${CENTRE}, $3::float8) OPERATOR(public.@>) ${STATION_POINT}
        AND public.earth_distance(${CENTRE}, ${STATION_POINT}) <= $3::float8
        AND s.status = 'OPEN')
  ORDER BY c.region_code`;

export interface CommunityWithoutStationRow {
  regionCode: string;
  name: string;
  latitude: number;
  longitude: number;
  nearestId: string | null;
  nearestMeters: number | null;
}

export function nearbyRepository(db: Sql) {
  return {
    stationsNear: (latitude: number, longitude: number, radius: number, limit: number): Promise<(StationRow & { meters: number })[]> =>
      db.query(STATIONS_NEAR_SQL, [latitude, longitude, radius, limit]),

    communitiesWithoutStation: (regionCode: string, radius: number): Promise<CommunityWithoutStationRow[]> =>
      db.query(COMMUNITIES_WITHOUT_STATION_SQL, [...regionCodeRange(regionCode), radius]),
  };
}
export type NearbyRepository = ReturnType<typeof nearbyRepository>;
