import { partitionedAuditMigration } from '@civic/shared';
import { VETERAN_DATA_ACCESS } from '../domain/audit';

/** The access log partitioned by month, so its retention drops whole months (README "Scaling", @civic/shared audit/table.ts). */
export const PartitionedAudit1798000000003 = partitionedAuditMigration([VETERAN_DATA_ACCESS], 1798000000003);
