import { isUuid } from '@civic/shared';
import type { AssessmentsContext } from '../context';
import type { CertificationRow } from '../repositories/certifications';
import { readableById, readableOfSubject } from './readable';

type Ctx = AssessmentsContext;
type Ref = { id: string };
const reference = (ref: Ref) => (isUuid(ref.id) ? { id: ref.id.toLowerCase() } : null);

/** A station's plaque and latest score are public; its assessments' details are not. */
export const Station = {
  __resolveReference: reference,
  assessments: (s: Ref, _: unknown, ctx: Ctx) => readableOfSubject(ctx, `STATION:${s.id}`),
  latestScore: async (s: Ref, _: unknown, ctx: Ctx) => (await ctx.loaders.latestScore.load(s.id))?.totalScore ?? null,
  certified: async (s: Ref, _: unknown, ctx: Ctx) => (await ctx.loaders.certifications.load(s.id)).some((c) => c.suspendedAt === null),
  certifications: (s: Ref, _: unknown, ctx: Ctx) => ctx.loaders.certifications.load(s.id),
};

export const Certification = {
  certifiedBy: (c: CertificationRow, _: unknown, ctx: Ctx) => readableById(ctx, c.certifiedBy),
  suspendedBy: (c: CertificationRow, _: unknown, ctx: Ctx) => readableById(ctx, c.suspendedBy),
};

export const VeteranTeam = {
  __resolveReference: reference,
  assessments: (t: Ref, _: unknown, ctx: Ctx) => readableOfSubject(ctx, `VETERAN_TEAM:${t.id}`),
};

/** An organisation's grade is announced (public); its assessments' details are not. */
export const Organization = {
  __resolveReference: reference,
  assessments: (o: Ref, _: unknown, ctx: Ctx) => readableOfSubject(ctx, `ORGANIZATION:${o.id}`),
  grade: async (o: Ref, _: unknown, ctx: Ctx) => (await ctx.loaders.organizationGrade.load(o.id))?.grade ?? null,
};
