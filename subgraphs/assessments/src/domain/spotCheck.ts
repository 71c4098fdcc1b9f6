import { seededRandom } from '@civic/shared';

/**
 * 随机抽查: `count` of the stations, drawn by a seeded Fisher–Yates shuffle. The
 * stations are sorted first, so the same seed over the same stations draws the same
 * ones whatever order they were read in.
 */
export function pickForSpotCheck(stationIds: readonly string[], count: number, seed: number): string[] {
  const pool = [...new Set(stationIds)].sort();
  const random = seededRandom(seed);
  const picked = Math.min(count, pool.length);
  for (let i = 0; i < picked; i++) {
    const j = i + random.below(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, picked);
}
