import { CityPartitioned, partitionByCity, unpartitionByCity } from '@civic/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Station orders partitioned by city (README "Scaling"): every list and figure asks
 * for a region's code range, which then reads one city's partition. The primary key
 * and the resident's idempotency key gain the region code (a partitioned table's
 * unique keys must hold it), and an order's steps carry their order's region code
 * so their foreign key names the whole key.
 */
export const ORDERS: CityPartitioned = {
  schema: 'neighbour_stations',
  table: 'station_order',
  children: [{ table: 'station_order_step', column: 'order_id', regionColumn: 'order_region_code' }],
};

export class PartitionedOrders1798000000004 implements MigrationInterface {
  name = 'PartitionedOrders1798000000004';

  async up(db: QueryRunner): Promise<void> {
    await partitionByCity(db, ORDERS, {
      primaryKey: ['id', 'region_code'],
      after: [`ALTER TABLE neighbour_stations.station_order ADD CONSTRAINT station_order_idempotency UNIQUE (resident_id, idempotency_key, region_code)`],
    });
  }

  async down(db: QueryRunner): Promise<void> {
    await unpartitionByCity(db, ORDERS, {
      primaryKey: ['id'],
      after: [`ALTER TABLE neighbour_stations.station_order ADD CONSTRAINT station_order_idempotency UNIQUE (resident_id, idempotency_key)`],
    });
  }
}
