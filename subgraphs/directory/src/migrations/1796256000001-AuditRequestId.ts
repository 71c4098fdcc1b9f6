import { auditRequestIdMigration } from '@civic/shared';
import { PERSONAL_DATA_ACCESS } from '../context';

/** The client request's id on each personal data access row: one row per request, person and field set (see @civic/shared audit/). */
export const AuditRequestId1796256000001 = auditRequestIdMigration([PERSONAL_DATA_ACCESS], 1796256000001);
