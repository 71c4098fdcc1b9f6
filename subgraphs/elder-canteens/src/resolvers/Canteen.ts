import { isUuid } from '@civic/shared';
import type { ElderCanteensContext } from '../context';
import type { Canteen as CanteenRow } from '../repositories/canteens';
import type { Diner } from '../repositories/diners';
import type { Meal } from '../repositories/meals';
import { SUBSIDY_PER_MEAL, subsidyCents } from '../domain/subsidy';

// Canteens are public, like stations: a reference needs no check beyond existing.
export const Canteen = {
  __resolveReference: (ref: { id: string }, ctx: ElderCanteensContext) => (isUuid(ref.id) ? ctx.loaders.canteen.load(ref.id) : null),
  region: (c: CanteenRow) => ({ code: c.regionCode }),
  operator: (c: CanteenRow) => (c.operatorId ? { id: c.operatorId } : null),
  mealPrice: (c: CanteenRow) => c.mealPriceCents / 100,
  diners: async (c: CanteenRow, _: unknown, ctx: ElderCanteensContext) => (await ctx.loaders.canteenCounts.load(c.id))?.diners ?? 0,
  mealsServed: async (c: CanteenRow, _: unknown, ctx: ElderCanteensContext) => (await ctx.loaders.canteenCounts.load(c.id))?.meals ?? 0,
};

export const CanteenDiner = {
  elder: (d: Diner) => ({ id: d.elderId }),
  canteen: (d: Diner, _: unknown, ctx: ElderCanteensContext) => ctx.loaders.canteen.load(d.canteenId),
  subsidyPerMeal: async (d: Diner, _: unknown, ctx: ElderCanteensContext) => {
    const canteen = await ctx.loaders.canteen.load(d.canteenId);
    return (canteen ? subsidyCents(d.subsidyCategory, canteen.mealPriceCents) : 0) / 100;
  },
};

export const CanteenMeal = {
  canteen: (m: Meal, _: unknown, ctx: ElderCanteensContext) => ctx.loaders.canteen.load(m.canteenId),
  elder: (m: Meal) => ({ id: m.elderId }),
  price: (m: Meal) => m.priceCents / 100,
  subsidy: (m: Meal) => m.subsidyCents / 100,
  paidByElder: (m: Meal) => (m.priceCents - m.subsidyCents) / 100,
};

export const mealSubsidyRates = () => Object.entries(SUBSIDY_PER_MEAL).map(([category, perMeal]) => ({ category, perMeal }));
