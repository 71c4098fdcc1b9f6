import { regionCodeRange } from '@civic/shared';

/**
 * A WHERE clause built from parts that each number their own parameters from $1;
 * shared by a page and its count so the two always agree.
 */
export class Where {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  add(sql: string, ...values: unknown[]): this {
    const base = this.params.length;
    this.params.push(...values);
    this.clauses.push(sql.replace(/\$(\d+)/g, (_, n: string) => `$${base + Number(n)}`));
    return this;
  }

  /** The region and everything below it: a range scan on a C-collated code. */
  region(column: string, code: string | null | undefined): this {
    if (!code) return this;
    const [lo, hi] = regionCodeRange(code);
    return this.add(`${column} >= $1 AND ${column} < $2`, lo, hi);
  }

  when(condition: unknown, sql: string, ...values: unknown[]): this {
    return condition ? this.add(sql, ...values) : this;
  }

  /** Adds a value and returns its placeholder, for LIMIT and the like. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  toString(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
