/** Whole years between a birth date and today (both YYYY-MM-DD), as on a birthday. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
