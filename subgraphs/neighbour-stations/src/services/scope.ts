import { notFound } from '@civic/shared';
import type { StationScope } from '../domain/access';
import { stationRepository, StationRow } from '../repositories/stations';
import type { Sql } from '@civic/shared';

/** A station and who manages it, or NOT_FOUND: what every write about a station checks first. */
export async function stationInScope(db: Sql, stationId: string): Promise<{ station: StationRow; scope: StationScope }> {
  const stations = stationRepository(db);
  const [station] = await stations.findByIds([stationId]);
  if (!station) throw notFound('no station with this id');
  const managers = await stations.managersOf([stationId]);
  return { station, scope: { regionCode: station.regionCode, managerIds: managers.map((m) => m.personId) } };
}
