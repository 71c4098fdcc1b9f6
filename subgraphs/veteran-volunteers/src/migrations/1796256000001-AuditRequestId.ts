import { auditRequestIdMigration } from '@civic/shared';
import { VETERAN_DATA_ACCESS } from '../domain/audit';

/** The client request's id on each veteran data access row: one row per request, veteran and field set (see @civic/shared audit/). */
export const AuditRequestId1796256000001 = auditRequestIdMigration([VETERAN_DATA_ACCESS], 1796256000001);
