import { isRegionCode, regionCodeRange, regionLevel } from './region';

/** What a repository needs of a connection: a DataSource, or a transaction's EntityManager. */
export interface Sql {
  query(query: string, parameters?: unknown[]): Promise<any>;
}

/** WHERE clauses and their parameters, built up together so numbering never drifts. */
export class Where {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Adds a clause; each bare `$` in it is numbered in the order of `values`. */
  add(clause: string, ...values: unknown[]): this {
    let text = clause;
    for (const value of values) {
      this.params.push(value);
      text = text.replace(/\$(?!\d)/, `$${this.params.length}`);
    }
    this.clauses.push(text);
    return this;
  }

  /**
   * "This region and everything below it" on an indexed C-collated column. A
   * community has nothing below it: equality there, so an index on (region_code,
   * sort key) also gives a list its order and a page stops after its rows.
   */
  region(column: string, code: string | null | undefined): this {
    if (!code) return this;
    if (isRegionCode(code) && regionLevel(code) === 'COMMUNITY') return this.add(`${column} = $`, code);
    return this.add(`${column} >= $ AND ${column} < $`, ...regionCodeRange(code));
  }

  /** Adds the clause only when the condition holds (an optional filter, a page's cursor). */
  when(condition: unknown, clause: string, ...values: unknown[]): this {
    return condition ? this.add(clause, ...values) : this;
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  toString(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/**
 * The filters every open-data list takes (openDataWindow's ids and window, and a
 * set of statuses) on a table's `id`, `status` and `created_at`, `alias.` prefixed
 * when given; each list adds its own (a category, a help).
 */
export function openDataWhere(filter: { ids: string[] | null; statuses: string[] | null; from: Date | null; to: Date | null }, alias = ''): Where {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return new Where()
    .when(filter.ids, `${column('id')} = ANY($::uuid[])`, filter.ids)
    .when(filter.statuses, `${column('status')} = ANY($::text[])`, filter.statuses)
    .when(filter.from, `${column('created_at')} >= $::timestamptz`, filter.from)
    .when(filter.to, `${column('created_at')} <= $::timestamptz`, filter.to);
}

/** The rows of an UPDATE … RETURNING: TypeORM answers one with [rows, affected count], a SELECT with the rows. */
export const updatedRows = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
