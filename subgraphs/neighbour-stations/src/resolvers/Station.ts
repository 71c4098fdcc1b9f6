import { hasRole, isUuid } from '@civic/shared';
import type { NeighbourStationsContext } from '../context';
import { managesStation } from '../domain/access';
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
    EIGHT_HAVES.map((item) => {
      const evidence = station.eightHaves[item];
      // Rows seeded before evidence had a URL hold the bare text.
      const { text, url } = typeof evidence === 'string' ? { text: evidence, url: null } : (evidence ?? { text: null, url: null });
      return { item, met: evidence != null, evidence: text, evidenceUrl: url };
    }),

  openingSchedule: (station: StationRow) => station.openingSchedule ?? [],

  dutyRule: dutyRuleOf,

  teams: (station: StationRow, _: unknown, ctx: NeighbourStationsContext) => ctx.loaders.stationTeams.load(station.id),

  /**
   * Tells the caller only about themself, so it is public. Other subgraphs ask for it
   * with `@requires` (assessments shows a station's own manager its assessments):
   * this subgraph alone knows who manages a station.
   */
  async managedByCaller(station: StationRow, _: unknown, ctx: NeighbourStationsContext) {
    // Only a signed-in station manager can be one: nobody else costs a lookup.
    if (ctx.identity.sub === null || !hasRole(ctx.identity, 'STATION_MANAGER')) return false;
    return managesStation(ctx.identity, (await ctx.loaders.stationManagers.load(station.id)).map((m) => m.personId));
  },
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
