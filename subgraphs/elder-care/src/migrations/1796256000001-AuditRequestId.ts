import { auditRequestIdMigration } from '@civic/shared';
import { CARE_DATA_ACCESS } from '../domain/audit';

/** The client request's id on each care data access row: one row per request, elder and field set (see @civic/shared audit/). */
export const AuditRequestId1796256000001 = auditRequestIdMigration([CARE_DATA_ACCESS], 1796256000001);
