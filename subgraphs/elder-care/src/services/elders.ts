import { alreadyRegistered, badUserInput, conflict, notFound, type Write } from '@civic/shared';
import type { ElderCareContext } from '../context';
import type { ElderRegistration, Relation } from '../domain/enrolment';
import type { ElderCondition } from '../domain/vocabulary';
import { elderKeeperRule, elderRegistrarRule } from '../domain/writeRules';
import { elderRepository, type ElderRow } from '../repositories/elders';

type W = Write<ElderCareContext>;

const alreadyAnElder = (existing: ElderRow) => alreadyRegistered(`this person is already an elder (${existing.id})`, existing.id);

/** Every person named must be a resident of the directory (asked through the graph, never its tables). */
async function assertPeopleExist(w: W, people: { personId: string; argument: string }[]): Promise<void> {
  for (const { personId, argument } of people) {
    if (!(await w.ctx.people.find(personId))) throw badUserInput('no person with this id in the directory', { argument });
  }
}

/**
 * Makes a person an elder of a community, with their carers and emergency
 * contact. The caller's region is checked before anything is asked of the
 * directory, so a stranger learns nothing of who is on record.
 */
export async function registerElder(w: W, args: ElderRegistration): Promise<ElderRow> {
  w.require(elderRegistrarRule, { regionCode: args.regionCode });
  const elders = elderRepository(w.tx);
  const existing = await elders.findByPerson(args.personId);
  if (existing) throw alreadyAnElder(existing);
  await assertPeopleExist(w, [
    { personId: args.personId, argument: 'input.personId' },
    ...args.carers.map((c, i) => ({ personId: c.personId, argument: `input.carers[${i}].personId` })),
    ...(args.emergencyContact ? [{ personId: args.emergencyContact.personId, argument: 'input.emergencyContact.personId' }] : []),
  ]);
  const { row: elder, made } = await elders.insert({
    personId: args.personId,
    regionCode: args.regionCode,
    conditions: args.conditions,
    careNeeds: args.careNeeds,
    careNote: args.careNote,
    emergencyContactPersonId: args.emergencyContact?.personId ?? null,
    emergencyContactRelationship: args.emergencyContact?.relationship ?? null,
  });
  // A concurrent registration of the same person won the unique index.
  if (!made) throw alreadyAnElder(elder);
  for (const carer of args.carers) await elders.addCarer(elder.id, carer.personId, carer.relationship);
  return elder;
}

/** The elder locked, for an officer of its region; NOT_FOUND for an unknown id. */
async function keptElder(w: W, elderId: string): Promise<ElderRow> {
  const elder = await elderRepository(w.tx).lock(elderId);
  if (!elder) throw notFound('no elder with this id');
  w.require(elderKeeperRule, elder);
  return elder;
}

/** The elder as the change left it, for the mutation's answer. */
const reloaded = async (w: W, elderId: string): Promise<ElderRow> => (await elderRepository(w.tx).findByIds([elderId]))[0];

/** An ended enrolment is kept as it ended: changing it is CONFLICT. */
function assertEnrolled(elder: ElderRow): void {
  if (elder.enrolmentEndedAt) throw conflict("the elder's enrolment has ended");
}

/** New conditions replace the old; the risk level is derived from them (domain/risk.ts), so it follows. */
export async function updateElderConditions(w: W, elderId: string, conditions: ElderCondition[]): Promise<ElderRow> {
  const elder = await keptElder(w, elderId);
  assertEnrolled(elder);
  await elderRepository(w.tx).setConditions(elder.id, conditions);
  return reloaded(w, elder.id);
}

export async function addElderCarer(w: W, elderId: string, carer: Relation): Promise<ElderRow> {
  const elder = await keptElder(w, elderId);
  assertEnrolled(elder);
  if (carer.personId === elder.personId) throw badUserInput('an elder is not their own carer', { argument: 'personId' });
  await assertPeopleExist(w, [{ personId: carer.personId, argument: 'personId' }]);
  await elderRepository(w.tx).addCarer(elder.id, carer.personId, carer.relationship);
  return reloaded(w, elder.id);
}

/** Removing a carer who is not recorded is NOT_FOUND, so a repeat says the carer is already gone. */
export async function removeElderCarer(w: W, elderId: string, personId: string): Promise<ElderRow> {
  const elder = await keptElder(w, elderId);
  if (!(await elderRepository(w.tx).removeCarer(elder.id, personId))) throw notFound('this person is not a recorded carer of the elder');
  return elder;
}

/** Ends the enrolment once; ending it again returns the elder as it ended. */
export async function endElderEnrolment(w: W, elderId: string, reason: string | null): Promise<ElderRow> {
  const elder = await keptElder(w, elderId);
  if (!elder.enrolmentEndedAt) await elderRepository(w.tx).endEnrolment(elder.id, reason);
  return reloaded(w, elder.id);
}
