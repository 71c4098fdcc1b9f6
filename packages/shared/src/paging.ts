import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<K> {
  /** the list this page belongs to ("Query.elders"): its cursors carry the name */
  list: string;
  /** rows to fetch: one more than asked, to learn whether another page follows */
  limit: number;
  first: number;
  /** the sort key the previous page ended on, if any */
  after: K | null;
}

/**
 * Validates `first`/`after` once, at the edge. Cursors are opaque base64url JSON of
 * [list, key]: each names the list it came from (`Type.field`, e.g. "Query.elders"),
 * so another list's cursor, whose key may have the same shape but other values
 * (a region code where a timestamp belongs), is refused as BAD_USER_INPUT here
 * rather than failing in SQL.
 */
export function parsePage<K>(args: PageArgs, list: string, isKey: (value: unknown) => value is K): Page<K> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
  }
  let after: K | null = null;
  if (args.after != null) {
    const decoded = decodeCursor(args.after);
    const [named, key] = Array.isArray(decoded) && decoded.length === 2 ? decoded : [undefined, undefined];
    if (named !== list || !isKey(key)) throw badUserInput(`after is not a cursor of ${list}`, { argument: 'after' });
    after = key;
  }
  return { list, limit: first + 1, first, after };
}

export function encodeCursor(list: string, key: unknown): string {
  return Buffer.from(JSON.stringify([list, key])).toString('base64url');
}

function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A list's total: a number, or how to count it, run only when a caller asks for `totalCount`. */
export type TotalCount = number | (() => Promise<number>);

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** graphql-js's default resolver calls a function property, so a count is run only when selected */
  totalCount: TotalCount;
}

/**
 * Builds a Relay connection from `limit` rows (one extra marks a next page). Pass
 * the count as a function: a page that does not ask `totalCount` never counts, and
 * a first page that holds the whole list is its own count.
 */
export function toConnection<T>(rows: T[], page: Page<unknown>, totalCount: TotalCount, keyOf: (row: T) => unknown): Connection<T> {
  if (typeof totalCount === 'function' && page.after == null && rows.length <= page.first) totalCount = rows.length;
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(page.list, keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    totalCount,
  };
}

/** Cursor keys are [sortValue, id] pairs of strings. */
export function isStringPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string');
}
