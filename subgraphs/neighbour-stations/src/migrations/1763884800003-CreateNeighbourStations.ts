import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteer service stations and the orders residents place with them. Each row
 * keeps its community's code (C collation) so regional statistics are index range
 * scans; an order copies its station's code so they need no join.
 */
export class CreateNeighbourStations1763884800003 implements MigrationInterface {
  name = 'CreateNeighbourStations1763884800003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE neighbour_stations.station (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('VOLUNTEER_SERVICE', 'MUTUAL_AID', 'VETERAN_SERVICE')),
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        eight_haves_met smallint NOT NULL DEFAULT 0 CHECK (eight_haves_met BETWEEN 0 AND 8),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX station_region_idx ON neighbour_stations.station (region_code, status)`);
    await db.query(`
      CREATE TABLE neighbour_stations.station_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id uuid NOT NULL REFERENCES neighbour_stations.station (id),
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        help text NOT NULL CHECK (help IN ('CHILDREN', 'EDUCATION', 'MEDICAL', 'ELDERLY', 'HARDSHIP')),
        status text NOT NULL DEFAULT 'PLACED'
          CHECK (status IN ('PLACED', 'DISPATCHED', 'ACCEPTED', 'COMPLETED', 'RATED', 'CANCELLED')),
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- 居民评单 is the last step of the order flow: a rating is what makes an order RATED.
        CHECK ((status = 'RATED') = (rating IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX station_order_region_idx ON neighbour_stations.station_order (region_code, status)`);
    await db.query(`CREATE INDEX station_order_station_idx ON neighbour_stations.station_order (station_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE neighbour_stations.station_order`);
    await db.query(`DROP TABLE neighbour_stations.station`);
  }
}
