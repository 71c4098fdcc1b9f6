import { hasRole, isUuid } from '@civic/shared';
import type { PersonResolvers } from '../generated/resolvers';

/** A volunteer's record at the stations: their no-shows, to them and the officers over the stations. */
export const Person: PersonResolvers = {
  __resolveReference: (person) => ({ id: person.id }),

  async dutyNoShows(person, _, ctx) {
    const { identity, loaders } = ctx;
    const self = identity.sub !== null && identity.sub.toLowerCase() === person.id.toLowerCase();
    const loader = self || hasRole(identity, 'CITY_ADMIN') ? loaders.noShowsEverywhere : loaders.noShowsInRegion;
    if (!loader || !isUuid(person.id)) return null;
    return (await loader.load(person.id.toLowerCase()))?.count ?? 0;
  },
};
