/**
 * The seeds' one source of chance: mulberry32, small and the same on every
 * machine, so one seed number always plans the same rows (and a spot-check plan
 * can be redrawn from its seed).
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }

  /** Up to `n` distinct items, in random order (a partial Fisher–Yates shuffle). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const taken = Math.min(n, copy.length);
    for (let i = 0; i < taken; i++) {
      const j = i + this.below(copy.length - i);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, taken);
  }

  /** A v4-shaped UUID from the stream. */
  uuid(): string {
    const hex = (digits: number) => Array.from({ length: digits }, () => this.below(16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + this.below(4)).toString(16)}${hex(3)}-${hex(12)}`;
  }
}

export const seededRandom = (seed: number) => new SeededRandom(seed);
