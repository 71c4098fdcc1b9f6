import type { GraphQLResolveInfo } from 'graphql';
import { isUuid } from '@civic/shared';
import type { ElderCareContext } from '../context';
import type { ElderRow } from '../repositories/elders';
import { riskLevel } from '../domain/risk';
import { careDetail, person, readableElder } from './guards';

type Ctx = ElderCareContext;
type Info = GraphQLResolveInfo;

export const Elder = {
  __resolveReference: async (ref: { id: string }, ctx: Ctx) =>
    readableElder(ctx, isUuid(ref.id) ? await ctx.loaders.elder.load(ref.id.toLowerCase()) : null),

  person: (elder: ElderRow) => person(elder.personId),
  region: (elder: ElderRow) => ({ code: elder.regionCode }),
  // Conditions are health data: withheld (empty) like the care details. The risk level
  // derived from them stays, the coarse priority volunteers and analysts triage by.
  conditions: (elder: ElderRow, _: unknown, ctx: Ctx, info: Info) =>
    careDetail(ctx, elder, 'conditions', info, () => elder.conditions, [] as ElderRow['conditions']),
  riskLevel: (elder: ElderRow) => riskLevel(elder.conditions),
  careNote: (elder: ElderRow, _: unknown, ctx: Ctx, info: Info) => careDetail(ctx, elder, 'careNote', info, () => elder.careNote, null),
  emergencyContact: (elder: ElderRow, _: unknown, ctx: Ctx, info: Info) =>
    careDetail(
      ctx,
      elder,
      'emergencyContact',
      info,
      () =>
        elder.emergencyContactPersonId
          ? { person: person(elder.emergencyContactPersonId), relationship: elder.emergencyContactRelationship ?? '' }
          : null,
      null,
    ),
  carers: (elder: ElderRow, _: unknown, ctx: Ctx, info: Info) =>
    careDetail(
      ctx,
      elder,
      'carers',
      info,
      (carers) => carers.map((c) => ({ person: person(c.personId), relationship: c.relationship })),
      [] as { person: ReturnType<typeof person>; relationship: string }[],
    ),
  enrolmentEndedAt: (elder: ElderRow) => elder.enrolmentEndedAt,
  station: async (elder: ElderRow, _: unknown, ctx: Ctx) => {
    const row = await ctx.loaders.communityStation.load(elder.regionCode);
    return row ? { id: row.stationId } : null;
  },
};
