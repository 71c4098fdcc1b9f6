import { defineRollup, type RollupFields } from '@civic/shared';

const CANTEEN = 'elder_canteens.canteen';
const DINER = 'elder_canteens.diner';
const MEAL = 'elder_canteens.meal';

/** The rows disclosure control weighs the figures' regions by (regionsInUse). */
export const CANTEEN_TABLES = [CANTEEN, DINER, MEAL];

/**
 * The canteens' public region figures (CanteenStats) as running sums (@civic/shared
 * rollup/), those CANTEEN_STATS_SQL computed on every request (kept in
 * test/rollupOracle.ts as the tests' oracle). Subsidies are kept in cents, exact.
 */
export const CANTEEN_ROLLUP = defineRollup(
  'elder_canteens',
  [
    { name: 'canteens', table: CANTEEN, where: `src.status = 'OPEN'` },
    { name: 'diners', table: DINER },
    { name: 'mealsServed', table: MEAL },
    { name: 'subsidyCents', table: MEAL, value: 'src.subsidy_cents' },
  ],
  CANTEEN_TABLES,
);

export const CANTEEN_FIELDS: RollupFields = {
  canteens: 'canteens',
  diners: 'diners',
  mealsServed: 'mealsServed',
  subsidyPaid: { figures: ['subsidyCents'], value: (sum) => sum('subsidyCents') / 100 },
};
