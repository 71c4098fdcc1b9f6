/** The glossary of domain.md (elder care), as the code spells it. */
export const ELDER_CONDITIONS = ['ADVANCED_AGE', 'LIVING_ALONE', 'DISABLED', 'EMPTY_NEST', 'LOW_INCOME'] as const;
export type ElderCondition = (typeof ELDER_CONDITIONS)[number];

export const SERVICE_CATEGORIES = ['MEAL', 'VISIT', 'CLINIC', 'COMPANIONSHIP'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export type ServiceMode = 'MUTUAL_AID_GROUP' | 'VOLUNTEER_CLAIM';
export type ServiceRequestStatus = 'OPEN' | 'CLAIMED' | 'COMPLETED' | 'RATED' | 'CANCELLED';
export type TeamKind = 'RESIDENT_GROUP' | 'VOLUNTEER_TEAM' | 'SERVICE_ORGANIZATION';
/** How a movement reads on one account's statement (the transfer's kind, with DONATION_IN/OUT for moves between holders). */
export type TimeBankEntryKind = 'OPENING_BALANCE' | 'DEPOSIT' | 'REDEMPTION' | 'DONATION_IN' | 'DONATION_OUT' | 'REWARD';
/** What a transfer is; the database checks which kinds of account each one joins (see domain/timeBank.ts). */
export type TransferKind = 'OPENING_BALANCE' | 'DEPOSIT' | 'OVERFLOW' | 'DONATION' | 'GRANT' | 'REDEMPTION' | 'REWARD';
export type AccountKind = 'PERSON' | 'POOL' | 'ISSUING' | 'REDEMPTION';
/** A completed request's hours: waiting for the elder's side or an official, disputed, in the volunteer's account, or refused. */
export type HoursStatus = 'PENDING' | 'DISPUTED' | 'DEPOSITED' | 'REJECTED';

/** In what capacity someone took a step of a request; the first four act for the elder's side; PROGRAMME is the service itself (hours deposited after 7 days). */
export type ActingAs = 'ELDER' | 'FAMILY_MEMBER' | 'STATION_WORKER' | 'OFFICER' | 'VOLUNTEER' | 'GROUP_MEMBER' | 'PROGRAMME' | 'CALL_DEVICE';

/** How urgent a request is: an EMERGENCY (一键呼叫) leads every worklist it is in. */
export type RequestPriority = 'ROUTINE' | 'EMERGENCY';
