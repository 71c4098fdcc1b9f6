import { refillTriggers } from '@civic/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORDERS } from './1798000000004-PartitionedOrders';

/** An order's steps fill their copy of the order's region only when a row leaves it out (issue 15.5; the generated seed supplies it). */
export class PartitionedChildrenFillWhenMissing1798400000003 implements MigrationInterface {
  name = 'PartitionedChildrenFillWhenMissing1798400000003';

  async up(db: QueryRunner): Promise<void> {
    await refillTriggers(db, ORDERS);
  }

  async down(db: QueryRunner): Promise<void> {
    await refillTriggers(db, ORDERS, false);
  }
}
