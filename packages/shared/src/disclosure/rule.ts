import { ancestorRegionCodes, parentRegionCode } from '../region';

/** A count below this is withheld from public callers (primary suppression). */
export const DISCLOSURE_THRESHOLD = 5;

/**
 * The statistical disclosure control rule, for one count (one field) over the
 * region tree. `figures` holds the count of every region that must be weighed:
 * every ancestor of an asked region and every sibling of those (a region with no
 * rows may be left out: it counts 0). Figures cover a region and everything below
 * it, so a parent's figure is the sum of its children's (plus any rows under the
 * parent's own code).
 *
 * 1. Primary: a figure under 5 is withheld, at every level. (A district under 5
 *    would tell that each of its communities is under 5, and at 0 what each is.)
 * 2. Complementary, in every family (the children of one region): members are
 *    withheld, smallest first, until the withheld ones sum to 5 or more, or all
 *    are withheld. In every family, not only those with a member under 5: a region
 *    without rows is unknown to the subgraph, yet listed by the directory
 *    (`Region.children`) and withheld as 0, so any family may hide one, and the
 *    parent less the visible members would tell what it is (0).
 *
 * Why it is safe: in every family the parent's figure and the visible members
 * give at most the sum of the withheld members, which is 5 or more; or all the
 * members are withheld and their sum, the parent's figure, is under 5, so the
 * parent is withheld too and the same holds one level up, to the province, which
 * has no parent. Within that sum any withheld member could hold 5 or more (a
 * withheld region always has withheld children, or none, to carry the
 * difference), so no sum or difference of published figures tells that a withheld
 * figure is small, let alone what it is.
 *
 * Returns the asked regions whose figure is withheld. `alsoWithheld` are regions
 * withheld for another reason (a second sum, as a monthly series' months): they
 * count as withheld members of their families from the start.
 */
export function withheldRegions(figures: ReadonlyMap<string, number>, asked: Iterable<string>, alsoWithheld: ReadonlySet<string> = new Set()): Set<string> {
  const childrenOf = new Map<string, string[]>();
  for (const code of figures.keys()) {
    const parent = parentRegionCode(code);
    if (parent === null) continue;
    const siblings = childrenOf.get(parent) ?? [];
    siblings.push(code);
    childrenOf.set(parent, siblings);
  }
  const value = (code: string) => figures.get(code) ?? 0;
  const families = new Map<string, Set<string>>();

  const isWithheld = (code: string): boolean => {
    if (value(code) < DISCLOSURE_THRESHOLD || alsoWithheld.has(code)) return true;
    const parent = parentRegionCode(code);
    return parent !== null && withheldFamily(parent).has(code);
  };

  function withheldFamily(parent: string): Set<string> {
    const known = families.get(parent);
    if (known) return known;
    const members = [...(childrenOf.get(parent) ?? [])].sort((a, b) => value(a) - value(b) || a.localeCompare(b));
    const withheld = new Set(members.filter((code) => value(code) < DISCLOSURE_THRESHOLD || alsoWithheld.has(code)));
    let sum = [...withheld].reduce((total, code) => total + value(code), 0);
    for (const code of members) {
      if (sum >= DISCLOSURE_THRESHOLD) break;
      if (withheld.has(code)) continue;
      withheld.add(code);
      sum += value(code);
    }
    families.set(parent, withheld);
    return withheld;
  }

  return new Set([...asked].filter(isWithheld));
}

/**
 * The regions to weigh for `withheldRegions` when these are asked: the province,
 * and the whole family of every asked region and of each of its ancestors, out of
 * `inUse`, the region codes the subgraph's rows carry (every prefix of those is a
 * region with figures; any other counts 0).
 */
export function regionsToWeigh(inUse: Iterable<string>, asked: Iterable<string>): string[] {
  const childrenOf = new Map<string, Set<string>>();
  for (const code of inUse) {
    for (let child = code, parent = parentRegionCode(child); parent !== null; child = parent, parent = parentRegionCode(parent)) {
      const children = childrenOf.get(parent) ?? new Set<string>();
      children.add(child);
      childrenOf.set(parent, children);
    }
  }
  const weigh = new Set<string>();
  for (const code of asked) {
    weigh.add(code);
    for (const parent of ancestorRegionCodes(code)) {
      weigh.add(parent);
      for (const sibling of childrenOf.get(parent) ?? []) weigh.add(sibling);
    }
  }
  return [...weigh];
}
