import { alreadyRegistered, badUserInput, chinaToday, conflict, notFound, type Write } from '@civic/shared';
import type { NeighbourStationsContext } from '../context';
import type { NewStation } from '../domain/stationInput';
import { stationRegionRule, stationStaffRule } from '../domain/writeRules';
import { stationRepository, StationChange, StationRow } from '../repositories/stations';
import { stationInScope } from './scope';

/**
 * The station registry's writes (issue 14), each in the write path's one
 * transaction: who may act with the station's data, then its state, then the change.
 */
type StationWrite = Write<NeighbourStationsContext>;

const duplicate = (existingId: string) => alreadyRegistered(`an open station of this name already stands in this community: ${existingId}`, existingId);

/** The operator must be an organisation the directory knows (asked through the gateway). */
async function confirmOperator(w: StationWrite, operatorId: string | null, argument: string): Promise<void> {
  if (operatorId === null) return;
  if (!(await w.ctx.directory.organizationExists(operatorId))) throw notFound(`the directory knows no organisation with this id (${argument})`);
}

/** A closed station is kept as it was on its closing date. */
export function refuseClosed(station: StationRow, what: string): void {
  if (station.status !== 'OPEN') throw conflict(`the station closed${station.closedOn ? ` on ${station.closedOn}` : ''}: it ${what}`);
}

export async function createStation(w: StationWrite, station: NewStation): Promise<StationRow> {
  w.require(stationRegionRule, { regionCode: station.regionCode });
  if (!(await w.ctx.directory.communityExists(station.regionCode))) throw notFound('the directory knows no community with this code (input.regionCode)');
  const stations = stationRepository(w.tx);
  const existing = await stations.lockOpenNamed(station.regionCode, station.name);
  if (existing) throw duplicate(existing.id);
  await confirmOperator(w, station.operatorId, 'input.operatorId');
  return stations.insert(station);
}

/** Any change to an open station by its staff (its managers, the officers over it, city administrators). */
export async function updateStation(w: StationWrite, stationId: string, change: StationChange): Promise<StationRow> {
  const stations = stationRepository(w.tx);
  await stations.lock(stationId);
  const { station, scope } = await stationInScope(w.tx, stationId);
  w.require(stationStaffRule, scope);
  refuseClosed(station, 'is no longer changed');
  if (change.name !== undefined && change.name !== station.name) {
    const existing = await stations.lockOpenNamed(station.regionCode, change.name, station.id);
    if (existing) throw duplicate(existing.id);
  }
  if (change.operatorId !== undefined) await confirmOperator(w, change.operatorId, 'operatorId');
  return stations.update(stationId, change);
}

/**
 * Closes a station on `closedOn` (today in China by default, never in the future);
 * closing a closed station again returns it as it is.
 */
export async function closeStation(w: StationWrite, stationId: string, closedOn: string | null): Promise<StationRow> {
  const stations = stationRepository(w.tx);
  await stations.lock(stationId);
  const { station, scope } = await stationInScope(w.tx, stationId);
  w.require(stationStaffRule, scope);
  if (station.status === 'CLOSED') return station;
  const today = chinaToday();
  const on = closedOn ?? today;
  if (on > today) throw badUserInput('closedOn must not be in the future', { argument: 'closedOn' });
  return stations.close(stationId, on);
}
