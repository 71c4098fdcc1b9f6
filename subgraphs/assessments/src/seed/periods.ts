import { addDays, daysBetween } from '@civic/shared';

/**
 * When the seed's assessments were carried out, and of which period, counted
 * back from the day the seed runs: an evaluation of a half-year in the month
 * after it, an annual one in the first quarter of the next year, a spot check
 * within the quarter it checks. So no check is dated before or long after its period.
 */
const half = (date: string) => `${date.slice(0, 4)}-H${+date.slice(5, 7) <= 6 ? 1 : 2}`;
export const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(+date.slice(5, 7) / 3)}`;

/** The latest half-year that ended at least `clear` days before `date`, and its last day. */
function lastHalf(today: string, clear: number): { period: string; end: string } {
  let year = +today.slice(0, 4);
  for (;;) {
    for (const end of [`${year}-12-31`, `${year}-06-30`]) {
      if (daysBetween(end, today) >= clear) return { period: half(end), end };
    }
    year--;
  }
}

/** The last day of the half-year before the one ending on `end`. */
const halfBefore = (end: string) => (end.endsWith('12-31') ? `${end.slice(0, 4)}-06-30` : `${+end.slice(0, 4) - 1}-12-31`);

/**
 * A half-year evaluation done 5 to 30 days after its half ended, leaving `room` days
 * after it before today: of the latest such half, or of the one `halvesBack` before it.
 */
export function halfYearEvaluation(today: string, offset: number, room = 10, halvesBack = 0): { period: string; daysAgo: number } {
  let { end } = lastHalf(today, 30 + room);
  for (let k = 0; k < halvesBack; k++) end = halfBefore(end);
  return { period: half(end), daysAgo: daysBetween(addDays(end, 5 + (offset % 26)), today) };
}

/** An annual assessment of the last complete year (or the one `yearsBack` before it), done in January to March of the next. */
export function annualAssessment(today: string, offset: number, yearsBack = 0): { period: string; daysAgo: number } {
  const next = (daysBetween(`${today.slice(0, 4)}-03-31`, today) >= 0 ? +today.slice(0, 4) : +today.slice(0, 4) - 1) - yearsBack;
  return { period: String(next - 1), daysAgo: daysBetween(addDays(`${next}-01-05`, offset % 85), today) };
}

/** A spot check some days after an evaluation (`after` days ago), of the quarter it falls in. */
export function spotCheck(today: string, after: number, offset: number): { period: string; daysAgo: number } {
  const daysAgo = Math.max(1, after - 1 - (offset % Math.max(1, after - 2)));
  return { period: quarterOf(addDays(today, -daysAgo)), daysAgo };
}
