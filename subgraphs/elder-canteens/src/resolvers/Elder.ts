import { isUuid } from '@civic/shared';
import type { ElderCanteensContext } from '../context';
import { mayReadDiner } from '../access';
import { listSize } from './args';

/**
 * What the canteens add to elder-care's Elder. Where an elder eats and what it
 * cost is personal: only staff covering the canteen's community see it.
 */
async function readableDiner(elder: { id: string }, ctx: ElderCanteensContext) {
  if (!isUuid(elder.id)) return null;
  const diner = await ctx.loaders.diner.load(elder.id.toLowerCase());
  return diner && mayReadDiner(ctx.identity, diner.regionCode) ? diner : null;
}

export const Elder = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  canteenDiner: (elder: { id: string }, _: unknown, ctx: ElderCanteensContext) => readableDiner(elder, ctx),
  canteenMeals: async (elder: { id: string }, args: { first: number }, ctx: ElderCanteensContext) => {
    const first = listSize(args.first);
    if (!(await readableDiner(elder, ctx))) return [];
    const meals = await ctx.loaders.latestMeals.load(`${elder.id.toLowerCase()}:${first}`);
    return meals.map(({ key, ...meal }) => meal);
  },
  mealSubsidyTotal: async (elder: { id: string }, _: unknown, ctx: ElderCanteensContext) => {
    if (!(await readableDiner(elder, ctx))) return null;
    return Number((await ctx.loaders.subsidyTotal.load(elder.id.toLowerCase()))?.cents ?? 0) / 100;
  },
};
