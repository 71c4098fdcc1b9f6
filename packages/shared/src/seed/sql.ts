import { createHash } from 'node:crypto';

/**
 * Deterministic pseudo-randomness inside SQL, for seeds generated set-based
 * (INSERT … SELECT generate_series): a draw is a hash of the seed number, the
 * row's number and a salt naming the draw, so the same seed gives the same rows
 * whatever the chunking, the plan or the order PostgreSQL computes them in.
 */
export class SeedSql {
  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer: ${seed}`);
  }

  /** A float in [0, 1) for row `n` (an SQL bigint expression) and draw `salt` (0-1023). */
  random(n: string, salt: number): string {
    if (!Number.isInteger(salt) || salt < 0 || salt > 1023) throw new Error(`salt must be 0-1023: ${salt}`);
    // hashint8extended is PostgreSQL's own 64-bit hash (stable within a major version); its top 53 bits make the float.
    return `(((hashint8extended((${n})::bigint * 1024 + ${salt}, ${this.seed}) >> 11) & 9007199254740991)::float8 / 9007199254740992)`;
  }

  /** An integer in [from, to] for row `n` and draw `salt`. */
  int(n: string, salt: number, from: number, to: number): string {
    return `(${from} + floor(${this.random(n, salt)} * ${to - from + 1})::int)`;
  }

  /**
   * A v4-shaped UUID for row `n` of `tag` (a table's name): a prefix drawn from the
   * seed and tag, then `n` in the last 12 hex digits, so rows made in order append
   * to their primary key's index instead of landing at random pages.
   */
  uuid(tag: string, n: string): string {
    return `('${uuidPrefix(this.seed, tag)}' || lpad(to_hex((${n})::bigint), 12, '0'))::uuid`;
  }

  /** The same UUID, made in JavaScript (for rows planned there and referred to from SQL). */
  uuidOf(tag: string, n: number): string {
    return `${uuidPrefix(this.seed, tag)}${n.toString(16).padStart(12, '0')}`;
  }
}

function uuidPrefix(seed: number, tag: string): string {
  const h = createHash('sha256').update(`${seed}:${tag}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(12, 15)}-${((parseInt(h[15], 16) & 3) | 8).toString(16)}${h.slice(16, 19)}-`;
}
