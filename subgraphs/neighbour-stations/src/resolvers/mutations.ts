import { assertUuid } from '@civic/shared';
import type { NeighbourStationsContext } from '../context';
import { parseDutyRule, type DutyRule } from '../domain/rota';
import type { HelpKind } from '../domain/vocabulary';
import { claimSlot, publishRota, setDutyRule, stampSlot } from '../services/duty';
import { placeOrder, transitionOrder } from '../services/orders';
import { intIn, isoDate, optionalText } from '@civic/shared';

type Ctx = NeighbourStationsContext;
type Id = { id: string };

/** Thin: validate the arguments, then hand over to the services, which check the caller and the state. */
export const Mutation = {
  publishDutyRota: (_: unknown, args: { stationId: string; from: Date | string; weeks?: number | null }, ctx: Ctx) =>
    publishRota(ctx.db, ctx.identity, assertUuid(args.stationId, 'stationId'), isoDate(args.from), intIn(args.weeks ?? 4, 1, 12, 'weeks')),

  setDutyRule: (_: unknown, args: { stationId: string; rule: DutyRule }, ctx: Ctx) =>
    setDutyRule(ctx.db, ctx.identity, assertUuid(args.stationId, 'stationId'), parseDutyRule(args.rule)),

  claimDutySlot: (_: unknown, args: { id: string; organizationId: string; onDutyPersonId?: string | null }, ctx: Ctx) =>
    claimSlot(ctx.db, ctx.identity, {
      id: assertUuid(args.id),
      organizationId: assertUuid(args.organizationId, 'organizationId'),
      onDutyPersonId: args.onDutyPersonId != null ? assertUuid(args.onDutyPersonId, 'onDutyPersonId') : null,
    }),

  checkInDutySlot: (_: unknown, { id }: Id, ctx: Ctx) => stampSlot(ctx.db, ctx.identity, assertUuid(id), 'in'),
  checkOutDutySlot: (_: unknown, { id }: Id, ctx: Ctx) => stampSlot(ctx.db, ctx.identity, assertUuid(id), 'out'),

  placeStationOrder: (_: unknown, args: { stationId: string; help: HelpKind; note?: string | null; idempotencyKey?: string | null }, ctx: Ctx) =>
    placeOrder(ctx.db, ctx.identity, {
      stationId: assertUuid(args.stationId, 'stationId'),
      help: args.help,
      note: optionalText(args.note, 500, 'note'),
      idempotencyKey: optionalText(args.idempotencyKey, 100, 'idempotencyKey'),
    }),

  dispatchStationOrder: (_: unknown, args: { id: string; volunteerId: string }, ctx: Ctx) =>
    transitionOrder(ctx.db, ctx.identity, assertUuid(args.id), 'DISPATCH', { volunteerId: assertUuid(args.volunteerId, 'volunteerId') }),
  acceptStationOrder: (_: unknown, { id }: Id, ctx: Ctx) => transitionOrder(ctx.db, ctx.identity, assertUuid(id), 'ACCEPT'),
  completeStationOrder: (_: unknown, { id }: Id, ctx: Ctx) => transitionOrder(ctx.db, ctx.identity, assertUuid(id), 'COMPLETE'),
  rateStationOrder: (_: unknown, args: { id: string; rating: number }, ctx: Ctx) =>
    transitionOrder(ctx.db, ctx.identity, assertUuid(args.id), 'RATE', { rating: intIn(args.rating, 1, 5, 'rating') }),
  cancelStationOrder: (_: unknown, { id }: Id, ctx: Ctx) => transitionOrder(ctx.db, ctx.identity, assertUuid(id), 'CANCEL'),
};
