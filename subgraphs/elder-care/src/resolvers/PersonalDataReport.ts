import { dataReportReference, heldRecords, operationName, subjectLogConnection, type DataSubject, type HoldingQuery } from '@civic/shared';
import { elderFacts, type ElderCareContext as Ctx } from '../context';
import { mayReadElder } from '../domain/access';
import type { ElderCareDataPartResolvers, PersonalDataReportResolvers } from '../generated/resolvers';

const E = 'elder_care';
const ACCOUNT_TRANSFERS = `SELECT count(*) FROM ${E}.time_bank_transfer t JOIN ${E}.time_bank_account a
  ON a.id = t.debit_account_id OR a.id = t.credit_account_id WHERE a.person_id = $1`;

/** Every table (and role) in which elder care holds a person: its part of their data report. */
const HOLDINGS: HoldingQuery[] = [
  { kind: `${E}.elder`, sql: `SELECT count(*) FROM ${E}.elder WHERE person_id = $1` },
  { kind: `${E}.elder_carer`, sql: `SELECT count(*) FROM ${E}.elder_carer WHERE person_id = $1` },
  { kind: `${E}.elder.emergency_contact_person_id`, sql: `SELECT count(*) FROM ${E}.elder WHERE emergency_contact_person_id = $1` },
  { kind: `${E}.service_request.elder_id`, sql: `SELECT count(*) FROM ${E}.service_request r JOIN ${E}.elder e ON e.id = r.elder_id WHERE e.person_id = $1` },
  { kind: `${E}.service_request.requested_by`, sql: `SELECT count(*) FROM ${E}.service_request WHERE requested_by = $1` },
  { kind: `${E}.service_request.volunteer_person_id`, sql: `SELECT count(*) FROM ${E}.service_request WHERE volunteer_person_id = $1` },
  { kind: `${E}.service_request_step`, sql: `SELECT count(*) FROM ${E}.service_request_step WHERE actor_person_id = $1` },
  { kind: `${E}.service_team_member`, sql: `SELECT count(*) FROM ${E}.service_team_member WHERE person_id = $1` },
  { kind: `${E}.time_bank_account`, sql: `SELECT count(*) FROM ${E}.time_bank_account WHERE person_id = $1` },
  { kind: `${E}.time_bank_transfer`, sql: ACCOUNT_TRANSFERS },
  { kind: `${E}.time_bank_transfer.beneficiary_person_id`, sql: `SELECT count(*) FROM ${E}.time_bank_transfer WHERE beneficiary_person_id = $1` },
];

/** The person's elder record; their reads of it are logged under the elder's id. */
const elderOf = (ctx: Ctx, personId: string) => ctx.elders.findByPerson(personId);

export const PersonalDataReport: PersonalDataReportResolvers = {
  __resolveReference: (ref, ctx) => dataReportReference(ctx.identity, ref),
  async elderCare(ref, _, ctx, info): Promise<DataSubject> {
    dataReportReference(ctx.identity, ref);
    const elder = await elderOf(ctx, ref.personId);
    if (elder) await ctx.auditTrail.record(elder.id, 'dataReport', operationName(info));
    return ref;
  },
};

export const ElderCareDataPart: ElderCareDataPartResolvers = {
  holds: (part, _, ctx) => heldRecords(ctx.db, part.personId, HOLDINGS),
  async elder(part, _, ctx) {
    const elder = await elderOf(ctx, part.personId);
    return elder && mayReadElder(ctx.identity, await elderFacts(ctx, elder)) ? elder : null;
  },
  reads: async (part, args, ctx) => subjectLogConnection(ctx.audit, (await elderOf(ctx, part.personId))?.id ?? null, args),
};
