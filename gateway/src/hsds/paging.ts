/** HSDS's page of a list (openapi.json `#/components/schemas/Page` with `contents`). */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;

/** `page` (from 1) and `per_page` (1..100) as asked; null when either is not a whole number in range. */
export function pageRequest(query: Record<string, unknown>): { page: number; perPage: number } | { invalid: string } {
  const read = (name: string, fallback: number, max: number) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw)) return null;
    const value = Number(raw);
    return value >= 1 && value <= max ? value : null;
  };
  const page = read('page', 1, 1_000_000);
  if (page === null) return { invalid: 'page' };
  const perPage = read('per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);
  if (perPage === null) return { invalid: 'per_page' };
  return { page, perPage };
}

/** The page `page` of `perPage` items of a list of `total`, from the items it holds. */
export function hsdsPage<T>(contents: T[], total: number, page: number, perPage: number): HsdsPage<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: perPage,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** The page of a list held whole. */
export const slicePage = <T>(all: T[], page: number, perPage: number): HsdsPage<T> =>
  hsdsPage(all.slice((page - 1) * perPage, page * perPage), all.length, page, perPage);
