/** What a repository needs of a connection: a DataSource, or a transaction's EntityManager. */
export interface Sql {
  query(query: string, parameters?: unknown[]): Promise<any>;
}
