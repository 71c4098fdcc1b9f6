import { coversRegion, hasRole, type Identity } from './auth/identity';
import { forbidden } from './errors';
import type { Sql } from './sql';

/**
 * A person's data report (PIPL Art. 44-45): the directory answers
 * `personalDataReport(personId)` with the entity `PersonalDataReport @key(fields:
 * "personId regionCode")`, and every subgraph that holds records about people adds
 * its own part to it (what it holds, and its access log's rows about the person).
 * The region is the person's home community, as the directory has it, so that each
 * subgraph applies the same rule without asking the directory again.
 */
export interface DataSubject {
  personId: string;
  /** the person's home community */
  regionCode: string;
}

/**
 * Who may read a person's report or have them erased: the person themselves (signed
 * in as themselves, whatever their role), a city administrator, or a district officer
 * whose region covers the person's home community.
 */
export function maySeeDataSubject(identity: Identity, subject: DataSubject): boolean {
  if (identity.sub !== null && identity.sub.toLowerCase() === subject.personId.toLowerCase()) return true;
  if (hasRole(identity, 'CITY_ADMIN')) return true;
  return hasRole(identity, 'DISTRICT_OFFICER') && coversRegion(identity, subject.regionCode);
}

/**
 * Every subgraph's part of a report passes this check itself, in `__resolveReference`
 * too: FORBIDDEN unless the caller may see the person's report.
 */
export function dataReportReference<T extends DataSubject>(identity: Identity, ref: T): T {
  if (!maySeeDataSubject(identity, ref)) {
    throw forbidden("a person's data report is for the person, a city administrator or the district officer of their home");
  }
  return ref;
}

/** One kind of record a subgraph holds about a person: SQL counting them, `$1` the person's id. */
export interface HoldingQuery {
  /** what the records are, as the report names them (`table`, or `table.column` where one table holds the person in several roles) */
  kind: string;
  sql: string;
}

/** What a subgraph holds about a person, every kind with its count (0 included), in one statement. */
export async function heldRecords(db: Sql, personId: string, queries: readonly HoldingQuery[]): Promise<{ kind: string; count: number }[]> {
  const select = queries.map((q, i) => `SELECT ${i} AS i, (${q.sql})::int AS count`).join(' UNION ALL ');
  const rows: { i: number; count: number }[] = await db.query(`/* heldRecords */ ${select}`, [personId]);
  const counts = new Map(rows.map((row) => [Number(row.i), row.count]));
  return queries.map((q, i) => ({ kind: q.kind, count: counts.get(i) ?? 0 }));
}

/**
 * The resolvers of a part that holds records but no access log (stations,
 * assessments): `PersonalDataReport.<field>` checked, and its `holds`.
 */
export function holdingsOnlyPart(field: string, partType: string, queries: readonly HoldingQuery[]) {
  type Ctx = { identity: Identity; db: Sql };
  return {
    PersonalDataReport: {
      __resolveReference: (ref: DataSubject, ctx: Ctx) => dataReportReference(ctx.identity, ref),
      [field]: (ref: DataSubject, _: unknown, ctx: Ctx) => dataReportReference(ctx.identity, ref),
    },
    [partType]: { holds: (part: DataSubject, _: unknown, ctx: Ctx) => heldRecords(ctx.db, part.personId, queries) },
  };
}
