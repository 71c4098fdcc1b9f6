import { dataReportReference, heldRecords, operationName, subjectLogConnection, type DataSubject, type HoldingQuery } from '@civic/shared';
import type { PersonalDataReportResolvers, VeteranDataPartResolvers } from '../generated/resolvers';

const V = 'veteran_volunteers';
const OF_VETERAN = (table: string, column = 'veteran_id') =>
  `SELECT count(*) FROM ${V}.${table} x JOIN ${V}.veteran v ON v.id = x.${column} WHERE v.person_id = $1`;

/** Every table in which veteran volunteers holds a person (through their veteran record): its part of their data report. */
const HOLDINGS: HoldingQuery[] = [
  { kind: `${V}.veteran`, sql: `SELECT count(*) FROM ${V}.veteran WHERE person_id = $1` },
  { kind: `${V}.team_membership`, sql: OF_VETERAN('team_membership') },
  { kind: `${V}.veteran_team.leader_id`, sql: OF_VETERAN('veteran_team', 'leader_id') },
  { kind: `${V}.activity_attendance`, sql: OF_VETERAN('activity_attendance') },
  { kind: `${V}.shift`, sql: OF_VETERAN('shift') },
  { kind: `${V}.story.narrator_veteran_id`, sql: OF_VETERAN('story', 'narrator_veteran_id') },
];

export const PersonalDataReport: PersonalDataReportResolvers = {
  __resolveReference: (ref, ctx) => dataReportReference(ctx.identity, ref),
  async veterans(ref, _, ctx, info): Promise<DataSubject> {
    dataReportReference(ctx.identity, ref);
    const veteran = await ctx.veterans.findByPersonId(ref.personId);
    if (veteran) await ctx.auditTrail.record(veteran.id, 'dataReport', operationName(info));
    return ref;
  },
};

export const VeteranDataPart: VeteranDataPartResolvers = {
  holds: (part, _, ctx) => heldRecords(ctx.db, part.personId, HOLDINGS),
  // The veteran's details then answer by their own rules (the person and their officers see them whole, logged).
  veteran: (part, _, ctx) => ctx.veterans.findByPersonId(part.personId),
  reads: async (part, args, ctx) => subjectLogConnection(ctx.audit, (await ctx.veterans.findByPersonId(part.personId))?.id ?? null, args),
};
