import { conflict, notFound, notify, writeRule, type Write } from '@civic/shared';
import type { ElderCareContext } from '../context';
import { emergencyNotices, emergencyRaiser, mayAnswerEmergency, type DeviceFacts } from '../domain/emergency';
import type { ElderFacts } from '../domain/requestFlow';
import { callDeviceRepository, emergencyRepository, type CallDeviceRow, type EmergencyRow } from '../repositories/emergencies';
import { elderKeeperRule } from '../domain/writeRules';
import { requestRepository } from '../repositories/requests';
import { elderFacts } from './requests';

type W = Write<ElderCareContext>;

/** An emergency is raised by the elder's side or by a call device registered to the elder. */
export const emergencyRaiserRule = writeRule<{ elderId: string; elder: ElderFacts; device: DeviceFacts | null }>(
  'emergencyRaiser',
  "an emergency is raised by the elder, their family, the officials of the elder's region or the elder's own call device",
  (identity, facts) => emergencyRaiser(identity, facts.elderId, facts.elder, facts.device) !== null,
);

/** Acknowledged and resolved by those told of it and the officials of the elder's region. */
export const emergencyAnswerRule = writeRule<{ elder: ElderFacts; notified: readonly string[] }>(
  'emergencyAnswer',
  "an emergency is answered by those it was sent to and the officials of the elder's region",
  (identity, facts) => mayAnswerEmergency(identity, facts.elder, facts.notified),
);

async function elderOf(w: W, elderId: string): Promise<ElderFacts> {
  const elder = await elderFacts(w.tx, elderId);
  if (!elder) throw notFound('no elder with this id');
  return elder;
}

/**
 * 一键呼叫: opens an EMERGENCY request (a visit, open to the volunteers of the
 * street, first in their worklists) with its emergency record, and tells the
 * elder's carers and emergency contact in the same transaction. The staff on duty
 * and the community's officers are told by the sweep (emergencySweep.ts), which
 * asks the other subgraphs and retries while they are down: raising never waits
 * for, or fails with, another subgraph. A second press while the first emergency
 * is still open returns that one (devices and people press again).
 */
export async function raiseEmergency(w: W, args: { elderId: string; note: string | null }): Promise<EmergencyRow> {
  const elder = await elderOf(w, args.elderId);
  const devices = callDeviceRepository(w.tx);
  const [device] = w.identity.roles.includes('CALL_DEVICE') ? await devices.findByIds([w.actor]) : [];
  w.require(emergencyRaiserRule, { elderId: args.elderId, elder, device: device ?? null });
  const raisedAs = emergencyRaiser(w.identity, args.elderId, elder, device ?? null) as NonNullable<ReturnType<typeof emergencyRaiser>>;
  const emergencies = emergencyRepository(w.tx);
  // One open emergency per elder at a time: the elder's row is locked so two presses queue.
  await w.tx.query(`/* lockElderForEmergency */ SELECT 1 FROM elder_care.elder WHERE id = $1 FOR UPDATE`, [args.elderId]);
  const open = await emergencies.openOf(args.elderId);
  if (open) return open;
  const requests = requestRepository(w.tx);
  const request = (await requests.insert({
    elderId: args.elderId,
    regionCode: elder.regionCode,
    category: 'VISIT',
    mode: 'VOLUNTEER_CLAIM',
    teamId: null,
    note: args.note,
    requestedBy: w.actor,
    idempotencyKey: null,
    priority: 'EMERGENCY',
  }))!;
  await requests.addStep(request.id, { status: 'OPEN', actorId: w.actor, actingAs: raisedAs });
  const emergency = await emergencies.insert({
    requestId: request.id,
    elderId: args.elderId,
    regionCode: elder.regionCode,
    raisedBy: w.actor,
    raisedAs,
    raisedAt: new Date(),
  });
  await notify(w.tx, 'elder_care', emergencyNotices('FAMILY', [...elder.carerIds, elder.contactId], request.id, w.actor));
  return emergency;
}

async function answerable(w: W, id: string): Promise<{ emergency: EmergencyRow; elder: ElderFacts }> {
  const emergencies = emergencyRepository(w.tx);
  const emergency = await emergencies.lock(id);
  if (!emergency) throw notFound('no emergency with this id');
  const elder = await elderOf(w, emergency.elderId);
  w.require(emergencyAnswerRule, { elder, notified: await emergencies.notifiedOf(emergency.requestId) });
  return { emergency, elder };
}

/** The first acknowledgement is the one recorded (who and when); a later one returns the emergency as it is. */
export async function acknowledgeEmergency(w: W, id: string): Promise<EmergencyRow> {
  const { emergency } = await answerable(w, id);
  if (emergency.acknowledgedAt) return emergency;
  return emergencyRepository(w.tx).acknowledge(id, w.actor, new Date());
}

/**
 * Resolution closes the emergency with what was done; it acknowledges it first when
 * nobody had. Its request is closed with it: an OPEN one is cancelled (nobody
 * needs to claim it now), a claimed one stays with its volunteer to complete.
 */
export async function resolveEmergency(w: W, id: string, resolution: string): Promise<EmergencyRow> {
  const { emergency } = await answerable(w, id);
  if (emergency.resolvedAt) {
    if (emergency.resolution === resolution) return emergency;
    throw conflict('this emergency is already resolved');
  }
  const emergencies = emergencyRepository(w.tx);
  const now = new Date();
  if (!emergency.acknowledgedAt) await emergencies.acknowledge(id, w.actor, now);
  const requests = requestRepository(w.tx);
  const request = await requests.lock(emergency.requestId);
  if (request?.status === 'OPEN') {
    await requests.update(request.id, { status: 'CANCELLED', volunteerId: null, hours: null, rating: null, hoursStatus: null });
    await requests.addStep(request.id, { status: 'CANCELLED', actorId: w.actor, actingAs: 'OFFICER', note: resolution });
  }
  return emergencies.resolve(id, w.actor, now, resolution);
}

/** A call device for an elder, registered by the keepers of the elder's record; its token names the returned id. */
export async function registerCallDevice(w: W, args: { elderId: string; label: string }): Promise<CallDeviceRow> {
  w.require(elderKeeperRule, await elderOf(w, args.elderId));
  return callDeviceRepository(w.tx).insert(args.elderId, args.label, w.actor);
}

/** A revoked device raises nothing more; revoking twice keeps the first record. */
export async function revokeCallDevice(w: W, id: string): Promise<CallDeviceRow> {
  const [device] = await callDeviceRepository(w.tx).findByIds([id]);
  if (!device) throw notFound('no call device with this id');
  w.require(elderKeeperRule, await elderOf(w, device.elderId));
  return (await callDeviceRepository(w.tx).revoke(id, w.actor)) as CallDeviceRow;
}
