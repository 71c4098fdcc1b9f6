import DataLoader from 'dataloader';
import type { Page } from './paging';

/**
 * A DataLoader over a batch query that returns rows in any order: rows are matched
 * back to keys, and a missing key resolves to null (an unknown id is not an error
 * for an entity reference). One SQL query per batch, never one per key.
 */
export function keyedLoader<K, R>(fetchMany: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => {
    const rows = await fetchMany(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/**
 * The row a foreign key promises (a slot's station, a membership's team), for a
 * non-null field: its keyed loader answers null for an unknown key, which here is a
 * broken reference, said by name rather than as graphql-js's "Cannot return null
 * for non-nullable field".
 */
export async function loadReferenced<K, R>(loader: DataLoader<K, R | null>, key: K, what: string): Promise<R> {
  const row = await loader.load(key);
  if (row == null) throw new Error(`${what} ${String(key)} is missing: a broken reference`);
  return row;
}

/** A DataLoader for one-to-many relations: each key gets the (possibly empty) list of its rows. */
export function groupedLoader<K, R>(fetchMany: (keys: readonly K[]) => Promise<R[]>, groupOf: (row: R) => K): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => {
    const rows = await fetchMany(keys);
    const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(groupOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** One parent's page of a list: which parent, and the page it asks for. */
export interface PageKey<K, C> {
  parentId: K;
  page: Page<C>;
}

/**
 * A DataLoader for one page of a list under each of many parents (a team's
 * activities, an account's entries): the parents of one request asking for the same
 * page (`first`, `after`) are fetched in one statement, `fetchPages(parentIds,
 * limit, after)`, which returns each parent's rows in page order.
 */
export function pageLoader<K, C, R>(
  fetchPages: (parentIds: readonly K[], limit: number, after: C | null) => Promise<R[]>,
  parentOf: (row: R) => K,
): DataLoader<PageKey<K, C>, R[], string> {
  const pageOf = (key: PageKey<K, C>) => JSON.stringify([key.page.limit, key.page.after]);
  return new DataLoader<PageKey<K, C>, R[], string>(
    async (keys) => {
      const results = new Map<string, R[]>();
      const byPage = new Map<string, PageKey<K, C>[]>();
      for (const key of keys) byPage.set(pageOf(key), [...(byPage.get(pageOf(key)) ?? []), key]);
      for (const [asked, group] of byPage) {
        const { limit, after } = group[0].page;
        const rows = await fetchPages([...new Set(group.map((k) => k.parentId))], limit, after);
        for (const key of group) results.set(JSON.stringify([key.parentId, asked]), []);
        for (const row of rows) results.get(JSON.stringify([parentOf(row), asked]))?.push(row);
      }
      return keys.map((key) => results.get(JSON.stringify([key.parentId, pageOf(key)])) ?? []);
    },
    { cacheKeyFn: (key) => JSON.stringify([key.parentId, pageOf(key)]) },
  );
}
