import { badUserInput, chinaToday, conflict, daysBetween, notFound, type Write } from '@civic/shared';
import { canteenStaffRule } from '../access';
import { subsidyCents } from '../domain/subsidy';
import { canteenRepository } from '../repositories/canteens';
import { dinerRepository } from '../repositories/diners';
import { Meal, mealRepository } from '../repositories/meals';

/** How far back a canteen may record a meal it forgot to enter. */
export const LATE_ENTRY_DAYS = 7;

/**
 * Records one meal inside a transaction: the canteen must be open and the elder
 * enrolled there; the price and subsidy are the canteen's and the category's of
 * the day. A second call for the same elder, day and meal returns the first meal.
 */
export interface MealArgs {
  canteenId: string;
  elderId: string;
  servedOn: string;
  meal: 'LUNCH' | 'DINNER';
}

/** Checked before the transaction: a day from a week ago up to today. */
export function checkServedOn(servedOn: string, now = new Date()): string {
  const age = daysBetween(servedOn, chinaToday(now));
  if (age < 0) throw badUserInput('servedOn is in the future', { argument: 'servedOn' });
  if (age > LATE_ENTRY_DAYS) throw badUserInput(`servedOn is more than ${LATE_ENTRY_DAYS} days ago`, { argument: 'servedOn' });
  return servedOn;
}

export async function serveMeal(w: Write, args: MealArgs): Promise<Meal> {
  const canteen = await canteenRepository(w.tx).lockedInTransaction(w.tx, args.canteenId);
  if (!canteen) throw notFound('no canteen with that id');
  w.require(canteenStaffRule, canteen);
  if (canteen.status !== 'OPEN') throw conflict('the canteen is closed');
  const diner = await dinerRepository(w.tx).inTransaction(w.tx, args.elderId);
  if (!diner || diner.canteenId !== canteen.id) throw badUserInput('the elder is not enrolled at this canteen', { argument: 'elderId' });
  const meal = await mealRepository(w.tx).record(w.tx, {
    canteenId: canteen.id,
    elderId: args.elderId,
    regionCode: canteen.regionCode,
    servedOn: args.servedOn,
    meal: args.meal,
    priceCents: canteen.mealPriceCents,
    subsidyCents: subsidyCents(diner.subsidyCategory, canteen.mealPriceCents),
  });
  if (meal.canteenId !== canteen.id) throw conflict(`the elder's ${args.meal.toLowerCase()} that day was served at another canteen`);
  return meal;
}
