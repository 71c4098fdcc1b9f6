import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service request lists page newest first on (created_at, id) within a region's
 * code range (repositories/requests.ts `requestsPage`): this index serves the range
 * and, within one community, the order itself, so a page reads its rows and stops
 * instead of sorting every request of the region.
 */
export class RequestListIndex1796428800001 implements MigrationInterface {
  name = 'RequestListIndex1796428800001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX service_request_list_idx ON elder_care.service_request (region_code, created_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX elder_care.service_request_list_idx`);
  }
}
