import type { DataSource } from 'typeorm';
import type { BackgroundJob } from '@civic/shared';
import { ANONYMOUS, type Identity, notFound, serviceLogger, type Write } from '@civic/shared';
import { decideHours, type HoursAction } from '../domain/hoursReview';
import { hoursReviewRule } from '../domain/writeRules';
import type { ElderFacts } from '../domain/requestFlow';
import { dueBefore } from '../domain/timeBank';
import { requestRepository, type RequestRow } from '../repositories/requests';
import { refusal } from './errors';
import { assertWithinDailyCap, elderFacts } from './requests';
import { depositForRequest } from './timeBank';
import type { Sql } from '@civic/shared';

const logger = serviceLogger('elder-care');

/**
 * One review step of a completed request's hours (domain/hoursReview.ts), with the
 * request row locked: the decision, the request's new hours status, a step in its
 * history (who, in what capacity, the hours, the reason) and, when the hours are
 * deposited, the transfer from the issuing account, all in one transaction.
 */
async function review(
  tx: Sql,
  identity: Identity,
  id: string,
  action: HoursAction,
  input: { hours?: number; note?: string | null } = {},
  require: (facts: Parameters<typeof hoursReviewRule.allows>[1]) => void = () => undefined,
): Promise<RequestRow> {
  const requests = requestRepository(tx);
  const request = await requests.lock(id);
  if (!request) throw notFound('no service request with this id');
  const elder = (await elderFacts(tx, request.elderId)) as ElderFacts;
  require({ action, request, elder });
  const decision = decideHours(action, request, elder, identity, { hours: input.hours });
  if (decision.kind === 'already') return request;
  if (decision.kind === 'refuse') throw refusal(decision);
  const hours = input.hours ?? (request.hours as number);
  if (action === 'CHANGE') await assertWithinDailyCap(tx, request, hours, request.completedAt as Date);
  const changed = await requests.update(request.id, { ...request, hours, hoursStatus: decision.hoursStatus });
  await requests.addStep(request.id, {
    status: request.status,
    actorId: identity.sub,
    actingAs: decision.actingAs,
    hoursStatus: decision.hoursStatus,
    hours,
    note: input.note ?? null,
  });
  if (decision.hoursStatus === 'DEPOSITED') await depositForRequest(tx, changed, identity.sub);
  return changed;
}

/** A caller's review, in the write path's transaction: dispute (the elder's side), approve, change or reject (the officials). */
export async function reviewHours(
  w: Write,
  id: string,
  action: Exclude<HoursAction, 'AUTO' | 'CONFIRM'>,
  input: { hours?: number; note?: string | null } = {},
): Promise<RequestRow> {
  return review(w.tx, w.identity, id, action, input, (facts) => w.require(hoursReviewRule, facts));
}

/**
 * The programme deposits hours left PENDING for 7 days after completion (no one
 * confirmed, approved or disputed them): each in its own transaction, so one
 * failure holds up no other, and a request a reviewer reached first is skipped
 * (the decision sees it is no longer PENDING). `now` is the clock, set by tests.
 * Returns how many were deposited.
 */
export async function settleDueHours(db: DataSource, now: Date = new Date(), batch = 200): Promise<number> {
  const due = await requestRepository(db).dueForDeposit(dueBefore(now), batch);
  let deposited = 0;
  for (const id of due) {
    try {
      const after = await db.transaction((tx) => review(tx, ANONYMOUS, id, 'AUTO'));
      if (after.hoursStatus === 'DEPOSITED') deposited++;
    } catch (error) {
      // A request that moved on meanwhile (disputed, say) is refused by the decision: not an error.
      logger.warn({ err: error, requestId: id }, 'pending hours not deposited automatically');
    }
  }
  return deposited;
}

/**
 * Pending hours are deposited 7 days after completion by the service itself
 * (issue 13.4): every minute, and once as soon as the subgraph serves.
 */
export const hoursSweep: BackgroundJob = {
  name: 'pending hours sweep',
  everyMs: 60_000,
  runAtStart: true,
  run: (db) => settleDueHours(db),
};
