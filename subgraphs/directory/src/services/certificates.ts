import path from 'node:path';
import { notFound, queryGraph, serviceOperation, type ServicePeriod, type Write } from '@civic/shared';
import type { DirectoryContext } from '../context';
import { certificateRepository, type CertificateRow, type HoursSource } from '../repositories/certificates';
import { newCertificateCode } from '../domain/certificateCode';
import { certificateIssuer, issuerKind, officerOfRegion } from '../domain/writeRules';
import { assertNotErased, loadPerson } from './people';
import { loadVolunteer } from './volunteers';

type W = Write<DirectoryContext>;

const SERVED_HOURS = serviceOperation(path.join(__dirname, '..', '..', 'service-operations', 'VolunteerServedHours.graphql'));

interface ServedHours {
  timeBankServedHours: number;
  stationDutyServedHours: number;
  veteranShiftServedHours: number;
  veteranActivityServedHours: number;
}

/** Every subgraph's confirmed hours of the person in the period, in one call through the gateway, signed as the directory. */
async function servedHours(w: W, personId: string, period: ServicePeriod): Promise<Record<HoursSource, number>> {
  const served = await queryGraph<ServedHours>(
    w.ctx.graph,
    "a volunteer's served hours",
    SERVED_HOURS,
    {
      personId,
      from: period.from,
      to: period.to,
    },
    15_000,
  );
  return {
    TIME_BANK: served.timeBankServedHours,
    STATION_DUTY: served.stationDutyServedHours,
    CHECKPOINT_SHIFTS: served.veteranShiftServedHours,
    VETERAN_ACTIVITIES: served.veteranActivityServedHours,
  };
}

const toHundredth = (hours: number) => Math.round(hours * 100) / 100;

/**
 * Issues a certificate: the hours are asked of their subgraphs now and kept as they
 * are (a snapshot the database refuses to change), under a fresh random code.
 */
export async function issueHoursCertificate(w: W, args: { personId: string; period: ServicePeriod }): Promise<CertificateRow> {
  const volunteer = await loadVolunteer(w, args.personId);
  const facts = { personId: volunteer.personId, regionCode: volunteer.regionCode };
  w.require(certificateIssuer, facts);
  assertNotErased(await loadPerson(w, volunteer.personId));
  const hours = await servedHours(w, volunteer.personId, args.period);
  const certificates = certificateRepository(w.tx);
  for (;;) {
    const id = await certificates.insert({
      code: newCertificateCode(),
      personId: volunteer.personId,
      from: args.period.from,
      to: args.period.to,
      hours,
      totalHours: toHundredth(Object.values(hours).reduce((sum, h) => sum + h, 0)),
      issuedBy: w.actor,
      issuedAs: issuerKind(w.identity, facts),
      issuerRegionCode: w.identity.region,
    });
    if (id) return (await certificates.byId(id))!;
  }
}

/** Revokes once, by the officers of the volunteer's region; again, it is returned as it is. */
export async function revokeHoursCertificate(w: W, args: { code: string | null; reason: string }): Promise<CertificateRow> {
  const certificates = certificateRepository(w.tx);
  const certificate = args.code ? await certificates.byCode(args.code) : null;
  if (!certificate) throw notFound('no hours certificate has this code');
  w.require(officerOfRegion, { regionCode: certificate.regionCode });
  if (!certificate.revokedAt) await certificates.revoke(certificate.id, w.actor, args.reason);
  return (await certificates.byId(certificate.id))!;
}
