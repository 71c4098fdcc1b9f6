import { badUserInput } from '@civic/shared';

/** 兵役法: citizens enlist from the year they turn 18 (17 for volunteers), and are taken up to 24 (graduates). */
export const ENLISTMENT_AGES = { min: 17, max: 24 } as const;

export interface ServiceYears {
  enlistmentYear: number;
  dischargeYear: number;
}

/**
 * A veteran's service as it can have been: enlisted at 17-24 by the year of birth
 * the directory holds (the year of enlistment less the year of birth), discharged after enlisting and not in the future (China time's year).
 * Each refusal is BAD_USER_INPUT naming the argument.
 */
export function checkServiceYears(years: ServiceYears, birthYear: number, currentYear: number, prefix = 'input.'): ServiceYears {
  const { enlistmentYear, dischargeYear } = years;
  for (const [argument, year] of [
    ['enlistmentYear', enlistmentYear],
    ['dischargeYear', dischargeYear],
  ] as const) {
    if (!Number.isInteger(year) || year < 1949 || year > currentYear) {
      throw badUserInput(`${argument} must be a year from 1949 to ${currentYear}`, { argument: `${prefix}${argument}` });
    }
  }
  const age = enlistmentYear - birthYear;
  if (age < ENLISTMENT_AGES.min || age > ENLISTMENT_AGES.max) {
    throw badUserInput(`a person born in ${birthYear} enlists at ${ENLISTMENT_AGES.min}-${ENLISTMENT_AGES.max}, not at ${age}`, {
      argument: `${prefix}enlistmentYear`,
    });
  }
  if (dischargeYear <= enlistmentYear) throw badUserInput('dischargeYear must come after enlistmentYear', { argument: `${prefix}dischargeYear` });
  return years;
}

/** A team is joined after discharge: a serving soldier is not yet a veteran volunteer. */
export const dischargedBy = (dischargeYear: number | null, year: number): boolean => dischargeYear === null || dischargeYear <= year;
