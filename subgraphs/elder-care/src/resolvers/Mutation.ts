import { assertUuid, badUserInput } from '@civic/shared';
import type { ElderCareContext } from '../context';
import { assertHours, assertServiceHours, ACCOUNT_CAP, type RewardKind } from '../domain/timeBank';
import type { ServiceCategory, ServiceMode } from '../domain/vocabulary';
import { requestService, transitionRequest } from '../services/requests';
import { buyReward, donateHours, grantPoolHours, redeemHours } from '../services/timeBank';
import { reviewHours } from '../services/hoursReview';
import { optionalText } from './guards';

type Ctx = ElderCareContext;
type Id = { id: string };
const key = (value: string | null | undefined) => optionalText(value, 100, 'idempotencyKey');

/**
 * Time bank moves are not idempotent by themselves (a second redemption of 4 hours
 * spends 4 more), so a retry is safe only with a key: without one, BAD_USER_INPUT.
 * requestService follows the contract, where the key is optional: a retry without
 * it places a second request.
 */
function requiredKey(value: string | null | undefined): string {
  const given = key(value);
  if (!given) throw badUserInput('time bank changes need an idempotencyKey, so that a retry does not repeat them', { argument: 'idempotencyKey' });
  return given;
}

function reason(value: string | null | undefined, required: boolean): string | null {
  const text = optionalText(value, 500, 'reason');
  if (required && !text) throw badUserInput('give the reason', { argument: 'reason' });
  return text;
}

function rating(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw badUserInput('rating must be 1..5', { argument: 'rating' });
  return value;
}

/** Thin: validate the arguments, then hand over to the services, which check the caller and the state. */
export const Mutation = {
  requestService: (_: unknown, args: { elderId: string; category: ServiceCategory; mode: ServiceMode; note?: string | null; idempotencyKey?: string | null }, ctx: Ctx) =>
    requestService(ctx.db, ctx.identity, {
      elderId: assertUuid(args.elderId, 'elderId'),
      category: args.category,
      mode: args.mode,
      note: optionalText(args.note, 500, 'note'),
      idempotencyKey: key(args.idempotencyKey),
    }),

  claimServiceRequest: (_: unknown, { id }: Id, ctx: Ctx) => transitionRequest(ctx.db, ctx.identity, assertUuid(id), 'CLAIM'),
  completeServiceRequest: (_: unknown, args: { id: string; hours: number }, ctx: Ctx) =>
    transitionRequest(ctx.db, ctx.identity, assertUuid(args.id), 'COMPLETE', { hours: assertServiceHours(args.hours) }),
  rateServiceRequest: (_: unknown, args: { id: string; rating: number }, ctx: Ctx) =>
    transitionRequest(ctx.db, ctx.identity, assertUuid(args.id), 'RATE', { rating: rating(args.rating) }),
  cancelServiceRequest: (_: unknown, { id }: Id, ctx: Ctx) => transitionRequest(ctx.db, ctx.identity, assertUuid(id), 'CANCEL'),

  redeemHours: (_: unknown, args: { hours: number; category: ServiceCategory; beneficiaryPersonId?: string | null; idempotencyKey?: string | null }, ctx: Ctx) =>
    redeemHours(ctx.db, ctx.identity, {
      hours: assertHours(args.hours, ACCOUNT_CAP),
      category: args.category,
      beneficiaryId: args.beneficiaryPersonId != null ? assertUuid(args.beneficiaryPersonId, 'beneficiaryPersonId') : null,
      idempotencyKey: requiredKey(args.idempotencyKey),
    }),

  donateHours: (_: unknown, args: { toPersonId: string; hours: number; idempotencyKey?: string | null }, ctx: Ctx) =>
    donateHours(ctx.db, ctx.identity, {
      toPersonId: assertUuid(args.toPersonId, 'toPersonId'),
      hours: assertHours(args.hours, ACCOUNT_CAP),
      idempotencyKey: requiredKey(args.idempotencyKey),
    }),

  buyTimeBankReward: (_: unknown, args: { reward: RewardKind; idempotencyKey?: string | null }, ctx: Ctx) =>
    buyReward(ctx.db, ctx.identity, args.reward, requiredKey(args.idempotencyKey)),

  disputeServiceHours: (_: unknown, args: { id: string; reason: string }, ctx: Ctx) =>
    reviewHours(ctx.db, ctx.identity, assertUuid(args.id), 'DISPUTE', { note: reason(args.reason, true) }),
  approveServiceHours: (_: unknown, { id }: Id, ctx: Ctx) => reviewHours(ctx.db, ctx.identity, assertUuid(id), 'APPROVE'),
  changeServiceHours: (_: unknown, args: { id: string; hours: number; reason?: string | null }, ctx: Ctx) =>
    reviewHours(ctx.db, ctx.identity, assertUuid(args.id), 'CHANGE', { hours: assertServiceHours(args.hours), note: reason(args.reason, false) }),
  rejectServiceHours: (_: unknown, args: { id: string; reason: string }, ctx: Ctx) =>
    reviewHours(ctx.db, ctx.identity, assertUuid(args.id), 'REJECT', { note: reason(args.reason, true) }),

  grantPoolHours: (_: unknown, args: { elderId: string; hours: number; idempotencyKey?: string | null }, ctx: Ctx) =>
    grantPoolHours(ctx.db, ctx.identity, {
      elderId: assertUuid(args.elderId, 'elderId'),
      hours: assertHours(args.hours, ACCOUNT_CAP),
      idempotencyKey: requiredKey(args.idempotencyKey),
    }),
};
