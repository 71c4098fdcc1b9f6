import { isUuid } from '@civic/shared';
import type { ElderRow } from '../repositories/elders';
import { riskLevel } from '../domain/risk';
import { careDetail, person, readableElder } from './guards';
import type { ElderResolvers } from '../generated/resolvers';

export const Elder: ElderResolvers = {
  __resolveReference: async (ref, ctx) => readableElder(ctx, isUuid(ref.id) ? await ctx.loaders.elder.load(ref.id.toLowerCase()) : null),

  person: (elder) => person(elder.personId),
  region: (elder) => ({ code: elder.regionCode }),
  // Conditions are health data: withheld (empty) like the care details. The risk level
  // derived from them stays, the coarse priority volunteers and analysts triage by.
  conditions: (elder, _, ctx, info) => careDetail(ctx, elder, 'conditions', info, () => elder.conditions, [] as ElderRow['conditions']),
  riskLevel: (elder) => riskLevel(elder.conditions),
  careNote: (elder, _, ctx, info) => careDetail(ctx, elder, 'careNote', info, () => elder.careNote, null),
  emergencyContact: (elder, _, ctx, info) =>
    careDetail(
      ctx,
      elder,
      'emergencyContact',
      info,
      () =>
        elder.emergencyContactPersonId ? { person: person(elder.emergencyContactPersonId), relationship: elder.emergencyContactRelationship ?? '' } : null,
      null,
    ),
  carers: (elder, _, ctx, info) =>
    careDetail(
      ctx,
      elder,
      'carers',
      info,
      (carers) => carers.map((c) => ({ person: person(c.personId), relationship: c.relationship })),
      [] as { person: { __typename: 'Person'; id: string }; relationship: string }[],
    ),
  enrolmentEndedAt: (elder) => elder.enrolmentEndedAt,
  station: async (elder, _, ctx) => {
    const row = await ctx.loaders.communityStation.load(elder.regionCode);
    return row ? { id: row.stationId } : null;
  },
};
