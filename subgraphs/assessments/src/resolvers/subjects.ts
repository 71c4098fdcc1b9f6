import { isUuid } from '@civic/shared';
import type { CertificationRow } from '../repositories/certifications';
import { readableById, readableOfSubject } from './readable';
import type { CertificationResolvers, OrganizationResolvers, StationResolvers, VeteranTeamResolvers } from '../generated/resolvers';

type Ref = { id: string };
const reference = (ref: Ref) => (isUuid(ref.id) ? { id: ref.id.toLowerCase() } : null);

/**
 * A station as the gateway refers to it. `managedByCaller` comes from neighbour-stations
 * through `@requires`, worked out there from the caller's identity. It can be trusted:
 * representations reach this subgraph only inside gateway-signed requests (clients
 * cannot send `_entities`, which is not in the public API), and the gateway fetches
 * the value with the same caller's identity. Absent (a request for other fields), it
 * counts as false.
 */
export type StationRef = { id: string; managedByCaller?: boolean };

const stationReference = (ref: StationRef): StationRef | null =>
  isUuid(ref.id) ? { id: ref.id.toLowerCase(), managedByCaller: ref.managedByCaller === true } : null;

/** The station whose assessments the caller may read as its manager, if this one. */
const managed = (s: StationRef) => (s.managedByCaller === true ? s.id : null);

/** A certification with the station the caller manages, if it is its station's. */
export type CertificationView = CertificationRow & { managedStationId: string | null };

/**
 * A station's plaque and latest score are public; its assessments' details are not,
 * except to the officers over it and, read only, its own station managers.
 */
export const Station: StationResolvers = {
  __resolveReference: stationReference,
  assessments: (s, _, ctx) => readableOfSubject(ctx, `STATION:${s.id}`, managed(s)),
  latestScore: async (s, _, ctx) => (await ctx.loaders.latestScore.load(s.id))?.totalScore ?? null,
  certified: async (s, _, ctx) => (await ctx.loaders.certifications.load(s.id)).some((c) => c.suspendedAt === null),
  certifications: async (s, _, ctx): Promise<CertificationView[]> =>
    (await ctx.loaders.certifications.load(s.id)).map((c) => ({ ...c, managedStationId: managed(s) })),
};

export const Certification: CertificationResolvers = {
  certifiedBy: (c, _, ctx) => readableById(ctx, c.certifiedBy, c.managedStationId),
  suspendedBy: (c, _, ctx) => readableById(ctx, c.suspendedBy, c.managedStationId),
};

export const VeteranTeam: VeteranTeamResolvers = {
  __resolveReference: reference,
  assessments: (t, _, ctx) => readableOfSubject(ctx, `VETERAN_TEAM:${t.id}`),
};

/** An organisation's grade is announced (public); its assessments' details are not. */
export const Organization: OrganizationResolvers = {
  __resolveReference: reference,
  assessments: (o, _, ctx) => readableOfSubject(ctx, `ORGANIZATION:${o.id}`),
  grade: async (o, _, ctx) => (await ctx.loaders.organizationGrade.load(o.id))?.grade ?? null,
};
