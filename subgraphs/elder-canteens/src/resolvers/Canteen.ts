import { isUuid, loadReferenced } from '@civic/shared';
import { SUBSIDY_CATEGORIES, SUBSIDY_PER_MEAL, subsidyCents } from '../domain/subsidy';
import type { CanteenDinerResolvers, CanteenMealResolvers, CanteenResolvers } from '../generated/resolvers';

// Canteens are public, like stations: a reference needs no check beyond existing.
export const Canteen: CanteenResolvers = {
  __resolveReference: (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.canteen.load(ref.id) : null),
  region: (c) => ({ code: c.regionCode }),
  operator: (c) => (c.operatorId ? { id: c.operatorId } : null),
  mealPrice: (c) => c.mealPriceCents / 100,
  diners: async (c, _, ctx) => (await ctx.loaders.canteenCounts.load(c.id))?.diners ?? 0,
  mealsServed: async (c, _, ctx) => (await ctx.loaders.canteenCounts.load(c.id))?.meals ?? 0,
};

export const CanteenDiner: CanteenDinerResolvers = {
  elder: (d) => ({ id: d.elderId }),
  canteen: (d, _, ctx) => loadReferenced(ctx.loaders.canteen, d.canteenId, 'canteen'),
  subsidyPerMeal: async (d, _, ctx) => {
    const canteen = await ctx.loaders.canteen.load(d.canteenId);
    return (canteen ? subsidyCents(d.subsidyCategory, canteen.mealPriceCents) : 0) / 100;
  },
};

export const CanteenMeal: CanteenMealResolvers = {
  canteen: (m, _, ctx) => loadReferenced(ctx.loaders.canteen, m.canteenId, 'canteen'),
  elder: (m) => ({ id: m.elderId }),
  price: (m) => m.priceCents / 100,
  subsidy: (m) => m.subsidyCents / 100,
  paidByElder: (m) => (m.priceCents - m.subsidyCents) / 100,
};

export const mealSubsidyRates = () => SUBSIDY_CATEGORIES.map((category) => ({ category, perMeal: SUBSIDY_PER_MEAL[category] }));
