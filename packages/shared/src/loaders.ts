import DataLoader from 'dataloader';

/**
 * A DataLoader over a batch query that returns rows in any order: rows are matched
 * back to keys, and a missing key resolves to null (an unknown id is not an error
 * for an entity reference). One SQL query per batch, never one per key.
 */
export function keyedLoader<K, R>(
  fetchMany: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => {
    const rows = await fetchMany(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A DataLoader for one-to-many relations: each key gets the (possibly empty) list of its rows. */
export function groupedLoader<K, R>(
  fetchMany: (keys: readonly K[]) => Promise<R[]>,
  groupOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => {
    const rows = await fetchMany(keys);
    const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(groupOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
