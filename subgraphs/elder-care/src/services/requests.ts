import { badUserInput, conflict, notFound, notify, type Write } from '@civic/shared';
import { requestStepNotices } from '../domain/notices';
import { decideTransition, elderSide, type ElderFacts, type RequestAction, type TransitionInput } from '../domain/requestFlow';
import type { ActingAs, ServiceCategory, ServiceMode } from '../domain/vocabulary';
import { chinaDayOf, DAILY_CAP, fitsTheDay } from '../domain/timeBank';
import { elderSideRule, noSelfDealingRule, requestStepRule } from '../domain/writeRules';
import { elderRepository } from '../repositories/elders';
import { requestRepository, type RequestRow } from '../repositories/requests';
import { teamRepository } from '../repositories/teams';
import type { Sql } from '@civic/shared';
import { refusal } from './errors';
import { depositForRequest, openVolunteerAccount } from './timeBank';

export interface RequestArgs {
  elderId: string;
  category: ServiceCategory;
  mode: ServiceMode;
  note: string | null;
}

export async function elderFacts(tx: Sql, elderId: string): Promise<ElderFacts | null> {
  const elders = elderRepository(tx);
  const [elder] = await elders.findByIds([elderId]);
  if (!elder) return null;
  const carers = await elders.carersOf([elderId]);
  return { personId: elder.personId, regionCode: elder.regionCode, carerIds: carers.map((c) => c.personId), contactId: elder.emergencyContactPersonId };
}

/**
 * At most DAILY_CAP hours of service per volunteer per China-time day (issue 13.5),
 * counted over the requests they completed that day and not rejected. The caller
 * holds the volunteer's account locked, so two completions of one volunteer are
 * counted one after the other.
 */
export async function assertWithinDailyCap(tx: Sql, request: RequestRow, hours: number, day: Date): Promise<void> {
  const { start, end } = chinaDayOf(day);
  const already = await requestRepository(tx).hoursCompleted(request.volunteerId as string, start, end, request.id);
  if (!fitsTheDay(already, hours)) {
    throw conflict(`a volunteer is credited at most ${DAILY_CAP} hours a day; ${already} are already recorded for that day`);
  }
}

/**
 * 点单: the elder's side places a request. A MUTUAL_AID_GROUP request goes to the
 * resident group of the elder's community; a VOLUNTEER_CLAIM one is open to the
 * volunteers of its street. Runs in the write path's transaction, which also keeps the key.
 */
export async function requestService(w: Write, args: RequestArgs): Promise<RequestRow> {
  const requests = requestRepository(w.tx);
  const elder = await elderFacts(w.tx, args.elderId);
  if (!elder) throw notFound('no elder with this id');
  w.require(elderSideRule, elder);
  const [row] = await elderRepository(w.tx).findByIds([args.elderId]);
  if (row.enrolmentEndedAt) throw conflict("the elder's enrolment has ended: no new requests");
  const actingAs = elderSide(w.identity, elder) as ActingAs;
  const team = args.mode === 'MUTUAL_AID_GROUP' ? await teamRepository(w.tx).residentGroupOf(elder.regionCode) : null;
  if (args.mode === 'MUTUAL_AID_GROUP' && !team) {
    throw badUserInput("the elder's community has no resident group for MUTUAL_AID_GROUP; use VOLUNTEER_CLAIM", { argument: 'mode' });
  }
  // The write path's key store keeps retries apart, so the request's own key column stays empty.
  const placed = (await requests.insert({
    ...args,
    regionCode: elder.regionCode,
    teamId: team?.id ?? null,
    requestedBy: w.actor,
    idempotencyKey: null,
  })) as RequestRow;
  await requests.addStep(placed.id, { status: 'OPEN', actorId: w.actor, actingAs });
  return placed;
}

/**
 * One step of the lifecycle with the request row locked: the caller, then the
 * state, then the change and its record. Completing records the hours as PENDING
 * on the volunteer's account (within the daily cap); a rating by the elder's side
 * confirms them and deposits them in the same transaction, so a request is
 * credited exactly once.
 */
export async function transitionRequest(w: Write, id: string, action: RequestAction, input: TransitionInput = {}): Promise<RequestRow> {
  const { tx, identity } = w;
  const requests = requestRepository(tx);
  const request = await requests.lock(id);
  if (!request) throw notFound('no service request with this id');
  const elder = (await elderFacts(tx, request.elderId)) as ElderFacts;
  const members = request.teamId ? await teamRepository(tx).membersOf([request.teamId]) : [];
  const facts = { ...request, teamMemberIds: members.map((m) => m.personId) };
  if (action === 'CLAIM') w.require(noSelfDealingRule, { request, elder });
  w.require(requestStepRule, { action, request: facts, elder });
  const decision = decideTransition(action, facts, elder, identity, input);
  if (decision.kind === 'already') return request;
  if (decision.kind === 'refuse') throw refusal(decision);
  let hoursStatus = request.hoursStatus;
  if (action === 'COMPLETE') {
    await openVolunteerAccount(tx, request);
    await assertWithinDailyCap(tx, request, input.hours as number, new Date());
    hoursStatus = 'PENDING';
  }
  const confirms = action === 'RATE' && request.hoursStatus === 'PENDING';
  if (confirms) hoursStatus = 'DEPOSITED';
  const changed = await requests.update(request.id, {
    status: decision.status,
    volunteerId: action === 'CLAIM' ? w.actor : request.volunteerId,
    hours: action === 'COMPLETE' ? (input.hours ?? null) : request.hours,
    rating: action === 'RATE' ? (input.rating ?? null) : request.rating,
    hoursStatus,
  });
  const aboutHours = action === 'COMPLETE' || confirms;
  await requests.addStep(request.id, {
    status: decision.status,
    actorId: w.actor,
    actingAs: decision.actingAs,
    hoursStatus: aboutHours ? hoursStatus : null,
    hours: aboutHours ? changed.hours : null,
  });
  if (confirms) await depositForRequest(tx, changed, w.actor);
  // In the same transaction: the notices exist exactly when the step does.
  await notify(tx, 'elder_care', requestStepNotices(action, changed, elder, w.actor));
  return changed;
}
