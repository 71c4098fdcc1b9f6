import type { DataSource } from 'typeorm';
import { badUserInput, forbidden, type Identity, notFound } from '@civic/shared';
import { decideTransition, elderSide, type ElderFacts, type RequestAction, type TransitionInput } from '../domain/requestFlow';
import type { ServiceCategory, ServiceMode } from '../domain/vocabulary';
import { elderRepository } from '../repositories/elders';
import { requestRepository, type RequestRow } from '../repositories/requests';
import { teamRepository } from '../repositories/teams';
import type { Sql } from '@civic/shared';
import { actorOf, refusal } from './errors';
import { depositForRequest } from './timeBank';

export interface RequestArgs {
  elderId: string;
  category: ServiceCategory;
  mode: ServiceMode;
  note: string | null;
  idempotencyKey: string | null;
}

async function elderFacts(tx: Sql, elderId: string): Promise<ElderFacts | null> {
  const elders = elderRepository(tx);
  const [elder] = await elders.findByIds([elderId]);
  if (!elder) return null;
  const carers = await elders.carersOf([elderId]);
  return { personId: elder.personId, regionCode: elder.regionCode, carerIds: carers.map((c) => c.personId) };
}

/**
 * 点单: the elder's side places a request. A MUTUAL_AID_GROUP request goes to the
 * resident group of the elder's community; a VOLUNTEER_CLAIM one is open to every volunteer.
 */
export async function requestService(db: DataSource, identity: Identity, args: RequestArgs): Promise<RequestRow> {
  const actor = actorOf(identity, 'request a service');
  return db.transaction(async (tx) => {
    const requests = requestRepository(tx);
    if (args.idempotencyKey) {
      const earlier = await requests.byIdempotencyKey(actor, args.idempotencyKey);
      if (earlier) return earlier;
    }
    const elder = await elderFacts(tx, args.elderId);
    if (!elder) throw notFound('no elder with this id');
    const actingAs = elderSide(identity, elder);
    if (!actingAs) throw forbidden("requests are placed by the elder, their family, or the officials of the elder's region");
    const team = args.mode === 'MUTUAL_AID_GROUP' ? await teamRepository(tx).residentGroupOf(elder.regionCode) : null;
    if (args.mode === 'MUTUAL_AID_GROUP' && !team) {
      throw badUserInput("the elder's community has no resident group for MUTUAL_AID_GROUP; use VOLUNTEER_CLAIM", { argument: 'mode' });
    }
    const placed = await requests.insert({ ...args, regionCode: elder.regionCode, teamId: team?.id ?? null, requestedBy: actor });
    // A concurrent retry with the same key won the insert: answer with its request.
    if (!placed) return (await requests.byIdempotencyKey(actor, args.idempotencyKey as string)) as RequestRow;
    await requests.addStep(placed.id, 'OPEN', actor, actingAs);
    return placed;
  });
}

/**
 * One step of the lifecycle with the request row locked: the caller, then the
 * state, then the change and its record. Completing deposits the hours in the same
 * transaction, so a request is credited exactly once.
 */
export async function transitionRequest(
  db: DataSource,
  identity: Identity,
  id: string,
  action: RequestAction,
  input: TransitionInput = {},
): Promise<RequestRow> {
  actorOf(identity, 'change a service request');
  return db.transaction(async (tx) => {
    const requests = requestRepository(tx);
    const request = await requests.lock(id);
    if (!request) throw notFound('no service request with this id');
    const elder = (await elderFacts(tx, request.elderId)) as ElderFacts;
    const members = request.teamId ? await teamRepository(tx).membersOf([request.teamId]) : [];
    const decision = decideTransition(action, { ...request, teamMemberIds: members.map((m) => m.personId) }, elder, identity, input);
    if (decision.kind === 'already') return request;
    if (decision.kind === 'refuse') throw refusal(decision);
    const changed = await requests.update(request.id, {
      status: decision.status,
      volunteerId: action === 'CLAIM' ? identity.sub : request.volunteerId,
      hours: action === 'COMPLETE' ? (input.hours ?? null) : request.hours,
      rating: action === 'RATE' ? (input.rating ?? null) : request.rating,
    });
    await requests.addStep(request.id, decision.status, identity.sub, decision.actingAs);
    if (action === 'COMPLETE') await depositForRequest(tx, changed, identity.sub);
    return changed;
  });
}
