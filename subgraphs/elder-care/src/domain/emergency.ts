import { hasRole, type Identity, type NoticeDraft } from '@civic/shared';
import { elderSide, type ElderFacts } from './requestFlow';
import type { ActingAs } from './vocabulary';

/**
 * 一键呼叫, the one-key emergency call (issue 16.3), as pure rules: who may raise
 * one for an elder, who hears of it and when it escalates. The services apply them
 * inside the write path's transaction (services/emergencies.ts).
 */

/** Unacknowledged this long after it was raised, an emergency goes to the district's officers. */
export const ESCALATE_AFTER_MS = 5 * 60_000;

/** The device registered to the elder that a CALL_DEVICE token names, if it still stands. */
export interface DeviceFacts {
  elderId: string;
  revokedAt: Date | null;
}

/**
 * Who raises an emergency, and as whom: the elder's side as for any request (the
 * elder, recorded family, the station managers and officers of the elder's region)
 * or a call device registered to this elder and not revoked, whose token's `sub` is
 * the device's id. Null for anyone else.
 */
export function emergencyRaiser(identity: Identity, elderId: string, elder: ElderFacts, device: DeviceFacts | null): ActingAs | null {
  if (hasRole(identity, 'CALL_DEVICE')) return device && device.elderId === elderId && !device.revokedAt ? 'CALL_DEVICE' : null;
  return elderSide(identity, elder);
}

/**
 * Who may acknowledge or resolve an emergency: anyone it was sent to (carers, the
 * emergency contact, the staff on duty, the officers told of it), and the station
 * managers and officers whose region covers the elder's. Never the device.
 */
export function mayAnswerEmergency(identity: Identity, elder: ElderFacts, notified: readonly string[]): boolean {
  if (!identity.sub || hasRole(identity, 'CALL_DEVICE')) return false;
  if (notified.includes(identity.sub) || identity.sub === elder.contactId) return true;
  const side = elderSide(identity, elder);
  return side === 'STATION_WORKER' || side === 'OFFICER' || side === 'FAMILY_MEMBER';
}

/** Due for escalation at `now`: raised at least ESCALATE_AFTER_MS ago, not acknowledged, not escalated yet. */
export const dueForEscalation = (e: { raisedAt: Date; acknowledgedAt: Date | null; escalatedAt: Date | null }, now: Date): boolean =>
  !e.acknowledgedAt && !e.escalatedAt && now.getTime() - e.raisedAt.getTime() >= ESCALATE_AFTER_MS;

type Audience = 'FAMILY' | 'STAFF_ON_DUTY' | 'COMMUNITY_OFFICER' | 'DISTRICT_OFFICER';

const WORDS: Record<Audience, string> = {
  FAMILY: '您照护的长者发出了一键紧急呼叫，请立即联系或前往查看。',
  STAFF_ON_DUTY: '您值班站点附近的长者发出了一键紧急呼叫，请立即前往查看。',
  COMMUNITY_OFFICER: '本社区一位长者发出了一键紧急呼叫，请立即跟进。',
  DISTRICT_OFFICER: '一位长者的一键紧急呼叫 5 分钟内无人响应，已升级至区级，请立即处置。',
};

/** One EMERGENCY notice for each person of an audience, about the emergency's request; nobody hears of their own call. */
export function emergencyNotices(audience: Audience, recipients: readonly (string | null)[], requestId: string, raisedBy: string): NoticeDraft[] {
  return [...new Set(recipients.filter((id): id is string => Boolean(id) && id !== raisedBy))].map((recipientId) => ({
    kind: 'EMERGENCY',
    recipientId,
    subjectType: 'ServiceRequest',
    subjectId: requestId,
    text: WORDS[audience],
    // One notice per person, audience and emergency, however often a sweep retries.
    dedupeKey: `EMERGENCY:${requestId}:${audience}:${recipientId}`,
  }));
}
