import type { AuditTable } from '@civic/shared';

/**
 * 金厝边 care data access log (issue 7): every read of an elder's care or health
 * data shown whole is written here, one row per request and elder.
 */
export const CARE_DATA_ACCESS: AuditTable = { schema: 'elder_care', table: 'care_data_access', subjectColumn: 'elder_id' };

/** The care and health data whose reads are logged, as the log names them. */
export type CareField = 'conditions' | 'careNote' | 'emergencyContact' | 'carers' | 'requestNote';
