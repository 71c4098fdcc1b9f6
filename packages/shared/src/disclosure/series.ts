import { DISCLOSURE_THRESHOLD, withheldRegions } from './rule';

/**
 * The rule (rule.ts) over monthly series: each month is a count over the region
 * tree, and a region's months are a second sum (over the last months they may add
 * up to its total), so the months of one region are weighed as a family too: when
 * one is withheld, further months are, smallest first, until the withheld months
 * add up to 5 or more. Each way may withhold more for the other, so both are
 * applied in turn until neither changes anything.
 *
 * `series` holds, for every region to weigh (regionsToWeigh), its value by month;
 * returns, for each asked region, the months withheld.
 */
export function withheldMonths(series: ReadonlyMap<string, ReadonlyMap<string, number>>, asked: readonly string[]): Map<string, Set<string>> {
  const months = [...new Set([...series.values()].flatMap((byMonth) => [...byMonth.keys()]))];
  const codes = [...series.keys()];
  const withheld = new Map(codes.map((code) => [code, new Set<string>()]));
  const valueOf = (code: string, month: string) => series.get(code)?.get(month) ?? 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const month of months) {
      const figures = new Map(codes.map((code) => [code, valueOf(code, month)]));
      const already = new Set(codes.filter((code) => withheld.get(code)!.has(month)));
      for (const code of withheldRegions(figures, codes, already)) {
        if (!withheld.get(code)!.has(month)) {
          withheld.get(code)!.add(month);
          changed = true;
        }
      }
    }
    for (const code of codes) {
      const hidden = withheld.get(code)!;
      if (hidden.size === 0) continue;
      let sum = [...hidden].reduce((total, month) => total + valueOf(code, month), 0);
      const visible = months.filter((month) => !hidden.has(month)).sort((a, b) => valueOf(code, a) - valueOf(code, b) || a.localeCompare(b));
      for (const month of visible) {
        if (sum >= DISCLOSURE_THRESHOLD) break;
        hidden.add(month);
        sum += valueOf(code, month);
        changed = true;
      }
    }
  }
  return new Map(asked.map((code) => [code, withheld.get(code) ?? new Set(months)]));
}
