/** mulberry32: small, fast and the same on every machine, so a plan can be redrawn from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, picked);
}
