/**
 * A small seeded generator (mulberry32): every random choice in the seed derives
 * from the seed number, so a seed reproduces the same rows. This package does not
 * depend on faker, and needs nothing more than this.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Up to `n` distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A v4-shaped UUID from the seeded stream. */
  uuid(): string {
    const hex = (bits: number, digits: number) => this.int(0, 2 ** bits - 1).toString(16).padStart(digits, '0');
    return `${hex(32, 8)}-${hex(16, 4)}-4${hex(12, 3)}-${(this.int(0, 2 ** 14 - 1) | 0x8000).toString(16)}-${hex(24, 6)}${hex(24, 6)}`;
  }
}

const DAY_MS = 86_400_000;

/** The local (UTC+8) date `days` after `from`. */
export const dayAfter = (from: string, days: number) => new Date(Date.parse(`${from}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A local wall-clock time in Fujian as an instant. */
export const localInstant = (date: string, hour: number, minute = 0) =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
