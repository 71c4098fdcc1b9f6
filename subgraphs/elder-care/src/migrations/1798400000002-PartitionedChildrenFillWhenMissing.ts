import { refillTriggers } from '@civic/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REQUESTS } from './1798000000005-PartitionedRequests';

/**
 * The request's children (steps, emergencies, transfers) fill their copy of the
 * request's region only when a row leaves it out (issue 15.5): the seeds supply it
 * for millions of rows and paid a function call for each.
 */
export class PartitionedChildrenFillWhenMissing1798400000002 implements MigrationInterface {
  name = 'PartitionedChildrenFillWhenMissing1798400000002';

  async up(db: QueryRunner): Promise<void> {
    await refillTriggers(db, REQUESTS);
  }

  async down(db: QueryRunner): Promise<void> {
    await refillTriggers(db, REQUESTS, false);
  }
}
