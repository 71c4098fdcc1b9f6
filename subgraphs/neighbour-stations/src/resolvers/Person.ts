import { hasRole, isUuid } from '@civic/shared';
import type { NeighbourStationsContext } from '../context';

/** A volunteer's record at the stations: their no-shows, to them and the officers over the stations. */
export const Person = {
  __resolveReference: (person: { id: string }) => ({ id: person.id }),

  async dutyNoShows(person: { id: string }, _: unknown, ctx: NeighbourStationsContext) {
    const { identity, loaders } = ctx;
    const self = identity.sub !== null && identity.sub.toLowerCase() === person.id.toLowerCase();
    const loader = self || hasRole(identity, 'CITY_ADMIN') ? loaders.noShowsEverywhere : loaders.noShowsInRegion;
    if (!loader || !isUuid(person.id)) return null;
    return (await loader.load(person.id.toLowerCase()))?.count ?? 0;
  },
};
