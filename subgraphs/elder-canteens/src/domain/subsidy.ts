/**
 * The meal subsidy per meal, in yuan, by the category the canteen checked at
 * enrolment. The partner agency's rule, modelled on the city's order of need in
 * seed 002 (低保 households first, then the disabled, those living alone and the
 * very old); the subsidy never exceeds the meal's price.
 */
export const SUBSIDY_PER_MEAL = {
  LOW_INCOME: 8,
  DISABLED: 6,
  LIVING_ALONE: 5,
  ADVANCED_AGE: 4,
  NONE: 0,
} as const;

export type MealSubsidyCategory = keyof typeof SUBSIDY_PER_MEAL;
export const SUBSIDY_CATEGORIES = Object.keys(SUBSIDY_PER_MEAL) as MealSubsidyCategory[];

/** Cents, so that sums of many meals are exact. */
export const toCents = (yuan: number) => Math.round(yuan * 100);

export function subsidyCents(category: MealSubsidyCategory, priceCents: number): number {
  return Math.min(toCents(SUBSIDY_PER_MEAL[category]), priceCents);
}

/**
 * The category an elder's elder-care conditions give, the most generous first:
 * what a canteen proposes at enrolment and what the seed uses.
 */
export function categoryFor(conditions: readonly string[]): MealSubsidyCategory {
  return SUBSIDY_CATEGORIES.find((c) => c !== 'NONE' && conditions.includes(c)) ?? 'NONE';
}
