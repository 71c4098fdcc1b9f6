import { isStringPair, parsePage, PageArgs, toConnection } from '@civic/shared';
import type { VeteranVolunteersContext as Ctx } from '../context';
import { loadVeteran } from './Veteran';
import type { StoryRow } from '../repositories/stories';
import type { HallRow, VisitRow } from '../repositories/honourHall';

export const VeteranStory = {
  region: (s: StoryRow) => ({ code: s.regionCode }),
  narratorVeteran: (s: StoryRow, _: unknown, ctx: Ctx) => (s.narratorVeteranId ? loadVeteran(ctx, s.narratorVeteranId) : null),
};

export const HonourHall = {
  region: (h: HallRow) => ({ code: h.regionCode }),
  async visits(h: HallRow, args: PageArgs, ctx: Ctx) {
    const page = parsePage(args, 'HonourHall.visits', isStringPair);
    const [rows, total] = await Promise.all([ctx.halls.visits(h.id, page), ctx.halls.visitCount(h.id)]);
    return toConnection(rows, page, total, (v) => [v.visitedOn, v.id]);
  },
};

export const HonourHallVisit = {
  hall: (v: VisitRow, _: unknown, ctx: Ctx) => ctx.loaders.hall.load(v.hallId),
};
