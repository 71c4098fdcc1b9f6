/** The glossary of domain.md (elder care), as the code spells it. */
export const ELDER_CONDITIONS = ['ADVANCED_AGE', 'LIVING_ALONE', 'DISABLED', 'EMPTY_NEST', 'LOW_INCOME'] as const;
export type ElderCondition = (typeof ELDER_CONDITIONS)[number];

export const SERVICE_CATEGORIES = ['MEAL', 'VISIT', 'CLINIC', 'COMPANIONSHIP'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export type ServiceMode = 'MUTUAL_AID_GROUP' | 'VOLUNTEER_CLAIM';
export type ServiceRequestStatus = 'OPEN' | 'CLAIMED' | 'COMPLETED' | 'RATED' | 'CANCELLED';
export type TeamKind = 'RESIDENT_GROUP' | 'VOLUNTEER_TEAM' | 'SERVICE_ORGANIZATION';
export type TimeBankEntryKind = 'DEPOSIT' | 'REDEMPTION' | 'DONATION_IN' | 'DONATION_OUT' | 'REWARD';

/** In what capacity someone took a step of a request; the first four act for the elder's side. */
export type ActingAs = 'ELDER' | 'FAMILY_MEMBER' | 'STATION_WORKER' | 'OFFICER' | 'VOLUNTEER' | 'GROUP_MEMBER';
