import { coversRegion, hasRole, maySeeDataSubject, writeRule, type DataSubject, type Identity } from '@civic/shared';

/** A region the caller would write in: a person's home community, a volunteer's community, an organisation's region. */
export interface RegionFacts {
  regionCode: string;
}

const officerCovers = (identity: Identity, regionCode: string) =>
  hasRole(identity, 'CITY_ADMIN') || (hasRole(identity, 'DISTRICT_OFFICER') && coversRegion(identity, regionCode));

/** Keeping records: a city administrator anywhere, a district officer within its region. */
export const officerOfRegion = writeRule<RegionFacts>(
  'officerOfRegion',
  ({ regionCode }) => `records in ${regionCode} are kept by a city administrator or that region's district officer`,
  (identity, { regionCode }) => officerCovers(identity, regionCode),
);

/** Registering people and volunteers: also a station manager of the region, who meets them first. */
export const registrarOfRegion = writeRule<RegionFacts>(
  'registrarOfRegion',
  ({ regionCode }) => `people in ${regionCode} are registered by a city administrator, or that region's district officer or station manager`,
  (identity, { regionCode }) => officerCovers(identity, regionCode) || (hasRole(identity, 'STATION_MANAGER') && coversRegion(identity, regionCode)),
);

export interface SelfServiceFacts {
  personId: string;
  /** the fields the call changes */
  fields: string[];
  /** the fields a person may change of their own */
  allowed: readonly string[];
}

/** A volunteer keeps only their own phone and their own availability. */
export const selfService = writeRule<SelfServiceFacts>(
  'selfService',
  ({ allowed }) => `a volunteer may change only their own ${allowed.join(' and ')}`,
  (identity, { personId, fields, allowed }) => hasRole(identity, 'VOLUNTEER') && identity.sub === personId && fields.every((field) => allowed.includes(field)),
);

/** Officers and registrars act by region; anyone else (a volunteer) only by self-service. */
export const actsAsOfficer = (identity: Identity) => hasRole(identity, 'CITY_ADMIN', 'DISTRICT_OFFICER');

/** Erasing a person (PIPL Art. 47): the person themselves, or an officer whose region covers their home. */
export const dataSubjectOrOfficer = writeRule<DataSubject>(
  'dataSubjectOrOfficer',
  ({ regionCode }) => `a person in ${regionCode} is erased at their own request, by a city administrator or by that region's district officer`,
  (identity, subject) => maySeeDataSubject(identity, subject),
);

export interface CertificateFacts {
  personId: string;
  /** the volunteer's community */
  regionCode: string;
}

/** An hours certificate: asked for by the volunteer themself, or issued by a registrar of their region. */
export const certificateIssuer = writeRule<CertificateFacts>(
  'certificateIssuer',
  ({ regionCode }) =>
    `hours certificates of volunteers in ${regionCode} are issued to the volunteer themself, by a city administrator, or by that region's district officer or station manager`,
  (identity, facts) => identity.sub === facts.personId || registrarOfRegion.allows(identity, facts),
);

/** In which role the issuer acts, as the certificate names it. */
export function issuerKind(identity: Identity, facts: CertificateFacts): 'SELF' | 'CITY_ADMIN' | 'DISTRICT_OFFICER' | 'STATION_MANAGER' {
  if (identity.sub === facts.personId) return 'SELF';
  if (hasRole(identity, 'CITY_ADMIN')) return 'CITY_ADMIN';
  return officerCovers(identity, facts.regionCode) ? 'DISTRICT_OFFICER' : 'STATION_MANAGER';
}
