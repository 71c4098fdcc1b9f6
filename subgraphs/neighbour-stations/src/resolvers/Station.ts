import { hasRole, isUuid, loadReferenced } from '@civic/shared';
import { managesStation } from '../domain/access';
import { EIGHT_HAVES } from '../domain/vocabulary';
import { dutyRuleOf, StationRow } from '../repositories/stations';
import type { StationDistanceResolvers, StationResolvers, StationTeamResolvers } from '../generated/resolvers';

/** Stations are public data: anyone may read them, through the gateway or as a reference. */
export const Station: StationResolvers = {
  __resolveReference: (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.station.load(ref.id.toLowerCase()) : null),

  region: (station) => ({ code: station.regionCode }),

  operator: (station) => (station.operatorId ? { id: station.operatorId } : null),

  eightHaves: (station) =>
    EIGHT_HAVES.map((item) => {
      const evidence = station.eightHaves[item];
      // Rows seeded before evidence had a URL hold the bare text.
      const { text, url } = typeof evidence === 'string' ? { text: evidence, url: null } : (evidence ?? { text: null, url: null });
      return { item, met: evidence != null, evidence: text, evidenceUrl: url };
    }),

  openingSchedule: (station) => station.openingSchedule ?? [],

  dutyRule: dutyRuleOf,

  teams: (station, _, ctx) => ctx.loaders.stationTeams.load(station.id),

  /**
   * Tells the caller only about themself, so it is public. Other subgraphs ask for it
   * with `@requires` (assessments shows a station's own manager its assessments):
   * this subgraph alone knows who manages a station.
   */
  async managedByCaller(station, _, ctx) {
    // Only a signed-in station manager can be one: nobody else costs a lookup.
    if (ctx.identity.sub === null || !hasRole(ctx.identity, 'STATION_MANAGER')) return false;
    return managesStation(
      ctx.identity,
      (await ctx.loaders.stationManagers.load(station.id)).map((m) => m.personId),
    );
  },
};

/** A distance carries its station row (stationsNear) or only the station's id, loaded when asked for. */
export type Distance = ({ station: StationRow } | { stationId: string }) & { meters: number };

export const StationDistance: StationDistanceResolvers = {
  station: (distance, _, ctx) => ('station' in distance ? distance.station : loadReferenced(ctx.loaders.station, distance.stationId, 'station')),
};

export const StationTeam: StationTeamResolvers = {
  station: (team, _, ctx) => loadReferenced(ctx.loaders.station, team.stationId, 'station'),

  members: async (team, _, ctx) => (await ctx.loaders.teamMembers.load(team.id)).map((member) => ({ id: member.personId })),
};
