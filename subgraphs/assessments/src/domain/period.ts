import { badUserInput, chinaToday } from '@civic/shared';

const PERIOD = /^[0-9]{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2]))?$/;

/** A year (2025), half (2025-H2), quarter (2025-Q4) or month (2025-11); the current quarter in China by default. */
export function parsePeriod(value: string | null | undefined, now = new Date()): string {
  if (value == null) {
    const [year, month] = chinaToday(now).split('-').map(Number);
    return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  }
  const period = value.trim();
  if (!PERIOD.test(period)) {
    throw badUserInput('period must be a year (2025), half (2025-H2), quarter (2025-Q4) or month (2025-11)', { argument: 'period' });
  }
  return period;
}
