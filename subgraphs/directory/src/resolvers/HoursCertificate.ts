import { isoDate } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { CertificateRow, HoursSource } from '../repositories/certificates';
import { certificateRepository } from '../repositories/certificates';
import { groupedCode, normalizeCertificateCode } from '../domain/certificateCode';
import { mayReadPeople, mayReadPersonalData } from '../domain/access';
import { maskName } from '../domain/masking';
import type { HoursCertificateResolvers } from '../generated/resolvers';

const SOURCES: HoursSource[] = ['TIME_BANK', 'STATION_DUTY', 'CHECKPOINT_SHIFTS', 'VETERAN_ACTIVITIES'];

const holderMayBeRead = (c: CertificateRow, ctx: DirectoryContext) => mayReadPersonalData(ctx.identity, { id: c.personId, regionCode: c.regionCode });

/** Public by its code: whoever holds a certificate may show it; the name is masked unless the reader may read the person. */
export async function hoursCertificateByCode(_: unknown, { code }: { code: string }, ctx: DirectoryContext) {
  const stored = normalizeCertificateCode(code);
  return stored ? certificateRepository(ctx.db).byCode(stored) : null;
}

export const HoursCertificate: HoursCertificateResolvers = {
  code: (c) => groupedCode(c.code),
  async holderName(c, _, ctx) {
    const person = await ctx.loaders.person.load(c.personId);
    const name = person?.name ?? '';
    return holderMayBeRead(c, ctx) ? name : maskName(name);
  },
  person: (c, _, ctx) => (mayReadPeople(ctx.identity) ? ctx.loaders.person.load(c.personId) : null),
  from: (c) => isoDate(c.from),
  to: (c) => isoDate(c.to),
  hours: (c) => SOURCES.map((source) => ({ source, hours: c.hours[source] ?? 0 })),
  issuerRegion: (c, _, ctx) => (c.issuerRegionCode ? ctx.loaders.region.load(c.issuerRegionCode) : null),
  status: (c) => (c.revokedAt ? 'REVOKED' : 'VALID'),
  revocationReason: (c, _, ctx) => (c.revokedAt && holderMayBeRead(c, ctx) ? c.revocationReason : null),
  verifyPath: (c) => `/verify/${groupedCode(c.code)}`,
};
