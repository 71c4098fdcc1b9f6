import { isUuid } from '@civic/shared';
import type { NeighbourStationsContext } from '../context';
import { EIGHT_HAVES } from '../domain/vocabulary';
import { dutyRuleOf, StationRow } from '../repositories/stations';
import type { StationTeamRow } from '../repositories/teams';

/** Stations are public data: anyone may read them, through the gateway or as a reference. */
export const Station = {
  __resolveReference: (ref: { id: string }, ctx: NeighbourStationsContext) =>
    isUuid(ref.id) ? ctx.loaders.station.load(ref.id.toLowerCase()) : null,

  region: (station: StationRow) => ({ code: station.regionCode }),

  operator: (station: StationRow) => (station.operatorId ? { id: station.operatorId } : null),

  eightHaves: (station: StationRow) =>
    EIGHT_HAVES.map((item) => ({ item, met: station.eightHaves[item] != null, evidence: station.eightHaves[item] ?? null })),

  dutyRule: dutyRuleOf,

  teams: (station: StationRow, _: unknown, ctx: NeighbourStationsContext) => ctx.loaders.stationTeams.load(station.id),
};

/** A distance carries its station row (stationsNear) or only the station's id, loaded when asked for. */
export const StationDistance = {
  station: (distance: { station?: StationRow; stationId?: string }, _: unknown, ctx: NeighbourStationsContext) =>
    distance.station ?? ctx.loaders.station.load(distance.stationId as string),
};

export const StationTeam = {
  station: (team: StationTeamRow, _: unknown, ctx: NeighbourStationsContext) => ctx.loaders.station.load(team.stationId),

  members: async (team: StationTeamRow, _: unknown, ctx: NeighbourStationsContext) =>
    (await ctx.loaders.teamMembers.load(team.id)).map((member) => ({ id: member.personId })),
};
