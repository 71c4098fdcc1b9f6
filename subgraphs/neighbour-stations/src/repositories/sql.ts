/** What a repository needs of a connection: a DataSource, or a transaction's EntityManager. */
export interface Sql {
  query(query: string, parameters?: unknown[]): Promise<any>;
}

/** A page's WHERE clauses and parameters, built up together so numbering never drifts. */
export class Where {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Adds a clause; `$` placeholders in it are numbered in order of `values`. */
  add(clause: string, ...values: unknown[]): this {
    let text = clause;
    for (const value of values) {
      this.params.push(value);
      text = text.replace(/\$(?!\d)/, `$${this.params.length}`);
    }
    this.clauses.push(text);
    return this;
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  toString(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
