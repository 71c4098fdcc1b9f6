import type { DataSource } from 'typeorm';
import { Identity, rollupReads, rollupStatsLoader } from '@civic/shared';
import type { CanteenStats } from './repositories/regionStats';
import { CANTEEN_FIELDS, CANTEEN_ROLLUP, CANTEEN_TABLES } from './repositories/rollup';
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

// Fresh loaders per request, so that one caller never sees another's cache.
const createLoaders = (db: DataSource, identity: Identity, rollup = rollupReads(db, CANTEEN_ROLLUP)) => ({
  canteen: canteenLoader(db),
  canteenCounts: canteenCountsLoader(db),
  diner: dinerLoader(db),
  subsidyTotal: subsidyTotalLoader(db),
  latestMeals: latestMealsLoader(db),
  // only the fields asked are read (askedFields in the resolver); the codes in use from the rollup, once per request
  stats: rollupStatsLoader<CanteenStats>(db, rollup, CANTEEN_FIELDS, {
    identity,
    regionsInUse: rollup.regionsInUse(CANTEEN_TABLES),
    // canteens are listed publicly (Query.canteens); diners and their meals are people's
    shape: { counts: ['canteens', 'diners', 'mealsServed'], publicEntities: ['canteens'] },
  }),
});

export const contextFactory = (db: DataSource, elders: ElderLookup) => {
  const repositories = { canteens: canteenRepository(db), diners: dinerRepository(db), meals: mealRepository(db) };
  return (identity: Identity): ElderCanteensContext => ({ identity, db, ...repositories, elders, loaders: createLoaders(db, identity) });
};
