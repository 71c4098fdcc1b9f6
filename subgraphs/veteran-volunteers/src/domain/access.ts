import { coversRegion, forbidden, hasRole, Identity, unauthenticated, writeRule } from '@civic/shared';

/**
 * Who may do what with veteran data (issue 7). Public: teams (name, community,
 * service point), regions, statistics, activities' public information, stories and
 * the honour hall. Signed-in callers only: veterans themselves (who is a veteran,
 * their person id and community), by any path. Personal: a veteran's service
 * details, attendance and shifts. Writes: a district officer
 * whose region covers the place concerned, or a city admin.
 */
export const isOfficer = (identity: Identity) => hasRole(identity, 'CITY_ADMIN', 'DISTRICT_OFFICER');

/** An officer whose scope covers the region (a city admin covers every region). */
export const oversees = (identity: Identity, regionCode: string) => isOfficer(identity) && coversRegion(identity, regionCode);

export const isSelf = (identity: Identity, personId: string) => identity.sub !== null && identity.sub.toLowerCase() === personId.toLowerCase();

export function mayReadVeteranDetails(identity: Identity, veteran: { personId: string; regionCode: string }): boolean {
  return isSelf(identity, veteran.personId) || oversees(identity, veteran.regionCode);
}

export const isAnonymous = (identity: Identity) => identity.sub === null && identity.roles.length === 0;

export function assertSignedIn(identity: Identity): void {
  if (isAnonymous(identity)) throw unauthenticated('sign in first: this needs a token');
}

/**
 * Who is a veteran, and where they live, is not public: anonymous callers get the
 * statistics. Checked wherever a Veteran is produced (root fields, _entities,
 * team members and leaders, story narrators…).
 */
export function assertMayReadVeterans(identity: Identity): void {
  if (isAnonymous(identity)) throw unauthenticated('sign in to see veterans: anonymous callers get the statistics');
}

/**
 * The rule of every veteran write: an officer whose region covers the place
 * concerned (the team's, the activity's, the checkpoint's, the hall's, the story's).
 * The roles themselves are declared with the mutations (resolvers/Mutation.ts).
 */
export const overseesRule = writeRule<{ regionCode: string }>(
  'overseesRegion',
  (place) => `your region does not cover ${place.regionCode}`,
  (identity, place) => oversees(identity, place.regionCode),
);

/** For reads only officers make (the shift rota): checked before anything is looked up. */
export function assertOfficer(identity: Identity): void {
  assertSignedIn(identity);
  if (!isOfficer(identity)) throw forbidden('only a district officer or a city admin may see this');
}

export function assertOversees(identity: Identity, regionCode: string): void {
  if (!oversees(identity, regionCode)) throw forbidden(`your region does not cover ${regionCode}`);
}

/**
 * The staff of a place (a checkpoint's shifts, an activity): the officers over its
 * region and the leader of its team. They show its check-in code, check veterans in
 * by hand and mark no-shows.
 */
export const isPlaceStaff = (identity: Identity, place: { regionCode: string; leaderPersonId: string | null }) =>
  oversees(identity, place.regionCode) || (place.leaderPersonId !== null && isSelf(identity, place.leaderPersonId));

export const placeStaffRule = writeRule<{ regionCode: string; leaderPersonId: string | null }>(
  'placeStaff',
  "only the officers over the place or its team's leader do this",
  isPlaceStaff,
);

/** With the place's code, a veteran checks in and out for themself alone. */
export const veteranThemselfRule = writeRule<{ personId: string }>('veteranThemself', 'only the veteran checks in with the code', (identity, veteran) =>
  isSelf(identity, veteran.personId),
);
