import { isUuid } from '@civic/shared';
import type { ElderCanteensContext } from '../context';
import { mayReadDiner } from '../access';
import { listSize } from './args';
import type { ElderResolvers } from '../generated/resolvers';

/**
 * What the canteens add to elder-care's Elder. Where an elder eats and what it
 * cost is personal: only staff covering the canteen's community see it.
 */
async function readableDiner(elder: { id: string }, ctx: ElderCanteensContext) {
  if (!isUuid(elder.id)) return null;
  const diner = await ctx.loaders.diner.load(elder.id.toLowerCase());
  return diner && mayReadDiner(ctx.identity, diner.regionCode) ? diner : null;
}

export const Elder: ElderResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  canteenDiner: (elder, _, ctx) => readableDiner(elder, ctx),
  canteenMeals: async (elder, args, ctx) => {
    const first = listSize(args.first);
    if (!(await readableDiner(elder, ctx))) return [];
    const meals = await ctx.loaders.latestMeals.load(`${elder.id.toLowerCase()}:${first}`);
    return meals.map(({ key, ...meal }) => meal);
  },
  mealSubsidyTotal: async (elder, _, ctx) => {
    if (!(await readableDiner(elder, ctx))) return null;
    return Number((await ctx.loaders.subsidyTotal.load(elder.id.toLowerCase()))?.cents ?? 0) / 100;
  },
};
