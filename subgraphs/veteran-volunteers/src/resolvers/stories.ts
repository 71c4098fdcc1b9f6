import { isStringPair, loadReferenced, parsePage, toConnection } from '@civic/shared';
import { loadVeteran } from './Veteran';
import type { HonourHallResolvers, HonourHallVisitResolvers, VeteranStoryResolvers } from '../generated/resolvers';

export const VeteranStory: VeteranStoryResolvers = {
  region: (s) => ({ code: s.regionCode }),
  narratorVeteran: (s, _, ctx) => (s.narratorVeteranId ? loadVeteran(ctx, s.narratorVeteranId) : null),
};

export const HonourHall: HonourHallResolvers = {
  region: (h) => ({ code: h.regionCode }),
  async visits(h, args, ctx) {
    const page = parsePage(args, 'HonourHall.visits', isStringPair);
    const [rows, total] = await Promise.all([ctx.halls.visits(h.id, page), ctx.halls.visitCount(h.id)]);
    return toConnection(rows, page, total, (v) => [v.visitedOn, v.id]);
  },
};

export const HonourHallVisit: HonourHallVisitResolvers = {
  hall: (v, _, ctx) => loadReferenced(ctx.loaders.hall, v.hallId, 'hall'),
};
