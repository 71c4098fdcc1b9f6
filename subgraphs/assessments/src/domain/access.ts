import { coversRegion, forbidden, hasRole, Identity, unauthenticated, writeRule } from '@civic/shared';

/**
 * Who may do what with assessments (issue 7). Public: templates, statistics,
 * rankings, a station's latest score and plaque, an organisation's grade. Details
 * (scores, evidence, assessor, corrections): city admins, analysts (read-only), the
 * district officers over the subject's region, the assessor and, for a station's
 * assessments reached through that station, its own station managers (read-only).
 * Writes: city admins and the district officers over the subject's region.
 */
export const isOfficer = (identity: Identity) => hasRole(identity, 'CITY_ADMIN', 'DISTRICT_OFFICER');

export const oversees = (identity: Identity, regionCode: string) => isOfficer(identity) && coversRegion(identity, regionCode);

const isSelf = (identity: Identity, personId: string | null) =>
  identity.sub !== null && personId !== null && identity.sub.toLowerCase() === personId.toLowerCase();

export interface AssessmentScope {
  regionCode: string;
  assessorId: string | null;
  subjectType: string;
  subjectId: string;
}

/**
 * `managedStationId`: a station the caller manages, as neighbour-stations (which alone
 * knows station managers) says through `Station.managedByCaller`; null when none is
 * known. Its manager reads that station's assessments as the officer over it would.
 */
export function mayReadAssessment(identity: Identity, assessment: AssessmentScope, managedStationId: string | null = null): boolean {
  return (
    hasRole(identity, 'CITY_ADMIN', 'ANALYST') ||
    oversees(identity, assessment.regionCode) ||
    isSelf(identity, assessment.assessorId) ||
    managesSubject(identity, assessment, managedStationId)
  );
}

const managesSubject = (identity: Identity, assessment: AssessmentScope, managedStationId: string | null) =>
  managedStationId !== null &&
  hasRole(identity, 'STATION_MANAGER') &&
  assessment.subjectType === 'STATION' &&
  assessment.subjectId.toLowerCase() === managedStationId.toLowerCase();

/** The rule of every assessment write: an officer over the subject's region (a city admin over every region). */
export const overseesRule = writeRule<{ regionCode: string }>(
  'overseesSubject',
  (subject) => `your region does not cover ${subject.regionCode}`,
  (identity, subject) => oversees(identity, subject.regionCode),
);

/** For reads only officers make: checked before anything is looked up. */
export function assertOfficer(identity: Identity): void {
  if (identity.sub === null && identity.roles.length === 0) throw unauthenticated('sign in first: this needs a token');
  if (!isOfficer(identity)) throw forbidden('only a district officer or a city admin may see this');
}

export function assertOversees(identity: Identity, regionCode: string): void {
  if (!oversees(identity, regionCode)) throw forbidden(`your region does not cover ${regionCode}`);
}
