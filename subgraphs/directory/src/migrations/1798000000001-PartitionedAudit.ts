import { partitionedAuditMigration } from '@civic/shared';
import { PERSONAL_DATA_ACCESS } from '../context';

/** The access log partitioned by month, so its retention drops whole months (README "Scaling", @civic/shared audit/table.ts). */
export const PartitionedAudit1798000000001 = partitionedAuditMigration([PERSONAL_DATA_ACCESS], 1798000000001);
