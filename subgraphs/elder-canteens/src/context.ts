import type { DataSource } from 'typeorm';
import { Identity, regionCodesInUse, regionStatsLoader } from '@civic/shared';
import { CANTEEN_STATS_SQL, toCanteenStats } from './repositories/regionStats';
import { canteenCountsLoader, canteenLoader, canteenRepository } from './repositories/canteens';
import { dinerLoader, dinerRepository } from './repositories/diners';
import { latestMealsLoader, mealRepository, subsidyTotalLoader } from './repositories/meals';
import type { ElderLookup } from './elders';

export interface ElderCanteensContext {
  identity: Identity;
  db: DataSource;
  canteens: ReturnType<typeof canteenRepository>;
  diners: ReturnType<typeof dinerRepository>;
  meals: ReturnType<typeof mealRepository>;
  /** asks elder care, through the graph, whether an elder exists */
  elders: ElderLookup;
  loaders: ReturnType<typeof createLoaders>;
}

// The rows the counts are drawn from, for disclosure control (regionStatsLoader).
const CANTEEN_REGIONS = regionCodesInUse('canteenRegionsInUse', ['elder_canteens.canteen', 'elder_canteens.diner', 'elder_canteens.meal']);

// Fresh loaders per request, so that one caller never sees another's cache.
const createLoaders = (db: DataSource, identity: Identity) => ({
  canteen: canteenLoader(db),
  canteenCounts: canteenCountsLoader(db),
  diner: dinerLoader(db),
  subsidyTotal: subsidyTotalLoader(db),
  latestMeals: latestMealsLoader(db),
  stats: regionStatsLoader(db, CANTEEN_STATS_SQL, toCanteenStats, {
    identity,
    regionsInUse: CANTEEN_REGIONS,
    // canteens are listed publicly (Query.canteens); diners and their meals are people's
    shape: { counts: ['canteens', 'diners', 'mealsServed'], publicEntities: ['canteens'] },
  }),
});

export const contextFactory = (db: DataSource, elders: ElderLookup) => {
  const repositories = { canteens: canteenRepository(db), diners: dinerRepository(db), meals: mealRepository(db) };
  return (identity: Identity): ElderCanteensContext => ({ identity, db, ...repositories, elders, loaders: createLoaders(db, identity) });
};
