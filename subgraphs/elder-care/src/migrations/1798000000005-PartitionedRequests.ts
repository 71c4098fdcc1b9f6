import { CityPartitioned, partitionByCity, unpartitionByCity } from '@civic/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service requests partitioned by city (README "Scaling"): a district's list and a
 * region's figures ask for a code range, which then reads one city's partition.
 * The primary key and the requester's idempotency key gain the region code (a
 * partitioned table's unique keys must hold it); a request's steps, its emergency
 * and the time bank transfers for it carry their request's region code, so their
 * foreign keys name the whole key. The time bank's transfers themselves stay one
 * table: one deposit per request is a unique key across all of them.
 */
export const REQUESTS: CityPartitioned = {
  schema: 'elder_care',
  table: 'service_request',
  children: [
    { table: 'service_request_step', column: 'request_id', regionColumn: 'request_region_code' },
    { table: 'emergency', column: 'request_id', regionColumn: 'request_region_code' },
    { table: 'time_bank_transfer', column: 'request_id', regionColumn: 'request_region_code' },
  ],
};

const idempotency = (withRegion: boolean) =>
  `CREATE UNIQUE INDEX service_request_idempotency_idx ON elder_care.service_request
   (requested_by, idempotency_key${withRegion ? ', region_code' : ''}) WHERE idempotency_key IS NOT NULL`;

export class PartitionedRequests1798000000005 implements MigrationInterface {
  name = 'PartitionedRequests1798000000005';

  async up(db: QueryRunner): Promise<void> {
    await partitionByCity(db, REQUESTS, { primaryKey: ['id', 'region_code'], after: [idempotency(true)] });
  }

  async down(db: QueryRunner): Promise<void> {
    await unpartitionByCity(db, REQUESTS, { primaryKey: ['id'], after: [idempotency(false)] });
  }
}
