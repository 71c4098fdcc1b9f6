import { DataSource, In } from 'typeorm';
import { regionCodeRange, type Page } from '@civic/shared';
import type { OrganizationKind } from '@civic/shared';
import { Organization } from '../entities/Organization';

export interface OrganizationFilter {
  regionCode: string | null;
  kind: OrganizationKind | null;
}

interface OrganizationRow {
  id: string;
  name: string;
  kind: OrganizationKind;
  region_code: string | null;
  credit_code: string | null;
  ended_on: string | null;
}

const toOrganization = (row: OrganizationRow): Organization =>
  Object.assign(new Organization(), {
    id: row.id,
    name: row.name,
    kind: row.kind,
    regionCode: row.region_code,
    creditCode: row.credit_code,
    endedOn: row.ended_on,
  });

/** Shared WHERE for the page and its count, so the two always agree. */
function filterSql(filter: OrganizationFilter, params: unknown[]): string {
  const clauses: string[] = [];
  if (filter.regionCode) {
    const [lo, hi] = regionCodeRange(filter.regionCode);
    params.push(lo, hi);
    clauses.push(`region_code >= $${params.length - 1} AND region_code < $${params.length}`);
  }
  if (filter.kind) {
    params.push(filter.kind);
    clauses.push(`kind = $${params.length}`);
  }
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

export function organizationRepository(db: DataSource) {
  return {
    findByIds: (ids: readonly string[]) => db.getRepository(Organization).findBy({ id: In([...ids]) }),

    /** Keyset page ordered by (name, id): stable while rows are added. */
    async page(filter: OrganizationFilter, page: Page<[string, string]>): Promise<Organization[]> {
      const params: unknown[] = [];
      let where = filterSql(filter, params);
      if (page.after) {
        params.push(page.after[0], page.after[1]);
        const after = `(name, id) > ($${params.length - 1}, $${params.length}::uuid)`;
        where = where ? `${where} AND ${after}` : `WHERE ${after}`;
      }
      params.push(page.limit);
      const rows: OrganizationRow[] = await db.query(
        // Every public field, as findByIds gives it: a listed organisation shows its credit code too.
        `/* organizationsPage */ SELECT id, name, kind, region_code, credit_code, to_char(ended_on, 'YYYY-MM-DD') AS ended_on FROM directory.organization
         ${where} ORDER BY name, id LIMIT $${params.length}`,
        params,
      );
      return rows.map(toOrganization);
    },

    async count(filter: OrganizationFilter): Promise<number> {
      const params: unknown[] = [];
      const [{ count }] = await db.query(
        `/* organizationsCount */ SELECT count(*)::int AS count FROM directory.organization ${filterSql(filter, params)}`,
        params,
      );
      return count;
    },
  };
}
export type OrganizationRepository = ReturnType<typeof organizationRepository>;
