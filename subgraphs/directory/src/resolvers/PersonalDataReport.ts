import type { GraphQLResolveInfo } from 'graphql';
import { assertUuid, auditLogConnection, dataReportReference, heldRecords, isUuid, operationName, type HoldingQuery } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { Person } from '../entities/Person';
import type { DirectoryDataPartResolvers, PersonalDataReportResolvers } from '../generated/resolvers';

/** A report as the resolvers pass it on: the entity's key and the person's row. */
export interface Report {
  personId: string;
  regionCode: string;
  person: Person;
}

/** What the directory holds about a person, by table. */
const HOLDINGS: HoldingQuery[] = [
  { kind: 'directory.person', sql: 'SELECT count(*) FROM directory.person WHERE id = $1' },
  { kind: 'directory.volunteer', sql: 'SELECT count(*) FROM directory.volunteer WHERE person_id = $1' },
  { kind: 'directory.person.acted_for_by', sql: 'SELECT count(*) FROM directory.person WHERE acted_for_by = $1' },
  { kind: 'directory.hours_certificate', sql: 'SELECT count(*) FROM directory.hours_certificate WHERE person_id = $1' },
];

/** The report of a person the caller may see, its read logged before it is shown; null for nobody. */
async function report(person: Person | null | undefined, ctx: DirectoryContext, info: GraphQLResolveInfo): Promise<Report | null> {
  if (!person) return null;
  const ref = dataReportReference(ctx.identity, { personId: person.id, regionCode: person.regionCode });
  await ctx.auditTrail.record(person.id, 'dataReport', operationName(info));
  return { ...ref, person };
}

export async function personalDataReport(_: unknown, args: { personId: string }, ctx: DirectoryContext, info: GraphQLResolveInfo) {
  return report(await ctx.loaders.person.load(assertUuid(args.personId, 'personId')), ctx, info);
}

export const PersonalDataReport: PersonalDataReportResolvers = {
  async __resolveReference(ref, ctx, info) {
    return isUuid(ref.personId) ? report(await ctx.loaders.person.load(ref.personId.toLowerCase()), ctx, info) : null;
  },
  directory: (r) => r,
};

export const DirectoryDataPart: DirectoryDataPartResolvers = {
  async fields(r, _, ctx): Promise<string[]> {
    const p = r.person;
    const volunteer = await ctx.loaders.volunteer.load(p.id);
    const held: [string, unknown][] = [
      ['name', !p.erasedAt],
      ['gender', p.gender],
      ['birthDate', p.birthDate],
      ['birthYear', p.birthYear],
      ['phone', p.phone],
      ['idNumber', p.idNumberSealed],
      ['homeCommunity', p.regionCode],
      ['actedForBy', p.actedForBy],
      ['volunteerNumber', volunteer?.volunteerNumber],
    ];
    return held.filter(([, value]) => value != null && value !== false).map(([field]) => field);
  },
  holds: (r, _, ctx) => heldRecords(ctx.db, r.personId, HOLDINGS),
  reads: (r, args, ctx) => auditLogConnection(ctx.audit, { subjectId: r.personId }, args),
};
