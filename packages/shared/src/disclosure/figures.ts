/**
 * Which fields of a region's figures are counts (withheld when small): of an
 * object, its `counts`; of a list, each item's `counts`, the item named by its
 * `items` field (e.g. `condition`). Hours, money and means are not counts.
 */
export interface CountShape {
  counts: readonly string[];
  /**
   * Those of `counts` that count entities the graph lists publicly, one by one and
   * by region (stations, canteens, veteran teams, their activities, published
   * stories, stations' plaques): anyone can count them from the public lists, so
   * withholding them protects nobody. They are shown to everyone, never withheld
   * and never weighed as another cell's complement. Counts of people and of what
   * people asked for or did (elders, veterans, diners, requests, orders, shifts,
   * meals) are never public.
   */
  publicEntities?: readonly string[];
  items?: string;
  /**
   * Counts shown only to those who see exact figures: a breakdown whose items add
   * up to another published count (e.g. completions by category, which add up to
   * completedServices). The rule weighs one count over the region tree; across
   * such a second sum it could not keep a withheld cell from being subtracted back.
   */
  exactOnly?: readonly string[];
}

/** Figures as published: a withheld count is null and named in `suppressed`. */
export type Disclosed<Stats> = Stats extends readonly (infer Item)[] ? DisclosedObject<Item>[] : DisclosedObject<Stats>;
type DisclosedObject<T> = { [K in keyof T]: T[K] extends number ? T[K] | null : T[K] } & { suppressed: string[] };

type Figures = Record<string, unknown>;
const asList = (stats: unknown, shape: CountShape): Figures[] => (shape.items ? (stats as Figures[]) : [stats as Figures]);
const cellName = (item: Figures, field: string, shape: CountShape) => (shape.items ? `${String(item[shape.items])}/${field}` : field);

/** The counts disclosure control weighs and withholds: every count but those of public entities. */
export const protectedCounts = (shape: CountShape): string[] => shape.counts.filter((field) => !shape.publicEntities?.includes(field));

/** Every protected count cell of one region's figures (or of the `fields` given), by a name unique within the shape. */
export function countCells(stats: unknown, shape: CountShape, fields: readonly string[] = protectedCounts(shape)): Map<string, number> {
  const cells = new Map<string, number>();
  for (const item of asList(stats, shape)) {
    for (const field of fields) cells.set(cellName(item, field, shape), Number(item[field] ?? 0));
  }
  return cells;
}

/** The figures with the named cells withheld: null, and listed in `suppressed`. */
export function withholdCells<Stats>(stats: Stats, shape: CountShape, withheld: ReadonlySet<string>): Disclosed<Stats> {
  const published = asList(stats, shape).map((item) => {
    const suppressed = [...protectedCounts(shape), ...(shape.exactOnly ?? [])].filter((field) => withheld.has(cellName(item, field, shape)));
    return { ...item, ...Object.fromEntries(suppressed.map((field) => [field, null])), suppressed };
  });
  return (shape.items ? published : published[0]) as Disclosed<Stats>;
}
