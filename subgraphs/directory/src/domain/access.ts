import { hasRole, Identity } from '@civic/shared';
import { coversRegion } from '@civic/shared';

/** The fields of a person that China's PIPL treats as (sensitive) personal information. */
export type PersonalField = 'phone' | 'idNumber' | 'birthDate' | 'volunteerNumber';

/** Anonymous callers see public data only: regions and organizations, never people. */
export function mayReadPeople(identity: Identity): boolean {
  return identity.roles.length > 0;
}

/**
 * Personal data is shown whole to the person themselves, to a city administrator,
 * and to an officer or station manager whose region covers the person's; analysts
 * and partners always see it masked.
 */
export function mayReadPersonalData(identity: Identity, person: { id: string; regionCode: string }): boolean {
  if (identity.sub !== null && identity.sub === person.id) return true;
  if (hasRole(identity, 'CITY_ADMIN')) return true;
  return hasRole(identity, 'DISTRICT_OFFICER', 'STATION_MANAGER') && coversRegion(identity, person.regionCode);
}
