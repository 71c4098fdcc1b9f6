import type { AuditTable } from '@civic/shared';

/** Where reads of veterans' service details are logged: append-only, one row per request and veteran. */
export const VETERAN_DATA_ACCESS: AuditTable = { schema: 'veteran_volunteers', table: 'veteran_data_access', subjectColumn: 'veteran_id' };

/**
 * The fields of a veteran shown only to the veteran and officers covering their
 * community: service history, party membership, skills, memberships and shifts.
 * Each read of one of them shown whole is logged.
 */
export type VeteranDetail = 'enlistmentYear' | 'serviceYears' | 'dischargeYear' | 'partyMember' | 'skills' | 'memberships' | 'shifts';
