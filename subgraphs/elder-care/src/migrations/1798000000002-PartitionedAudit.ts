import { partitionedAuditMigration } from '@civic/shared';
import { CARE_DATA_ACCESS } from '../domain/audit';

/** The access log partitioned by month, so its retention drops whole months (README "Scaling", @civic/shared audit/table.ts). */
export const PartitionedAudit1798000000002 = partitionedAuditMigration([CARE_DATA_ACCESS], 1798000000002);
