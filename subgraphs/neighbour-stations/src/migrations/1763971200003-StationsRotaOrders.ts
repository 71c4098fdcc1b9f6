import { MigrationInterface, QueryRunner } from 'typeorm';

const NS = 'neighbour_stations';
const KINDS = `'GOVERNMENT_UNIT', 'ASSOCIATION', 'SOCIAL_WORK_AGENCY', 'SOCIAL_ORGANIZATION', 'ENTERPRISE'`;
const HELPS = `'CHILDREN', 'EDUCATION', 'MEDICAL', 'ELDERLY', 'HARDSHIP'`;
const AMENITIES = `'CONSULTATION', 'FREE_TEA', 'LOST_AND_FOUND', 'FIRST_AID_KIT', 'UMBRELLA_LENDING', 'PHONE_CHARGING', 'HELP_FOR_VULNERABLE'`;
const EIGHT_HAVES = `'FIXED_HOURS', 'FIXED_STAFF', 'VENUE', 'SIGNAGE', 'TEAM', 'ACTIVITIES', 'ARCHIVES', 'RULES'`;
const REGION = `varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$')`;

/**
 * Everything the issue-4 stations need beyond the first tables: the station's
 * profile, the 15-minute circle's spatial index, the duty rota, station teams
 * (parallel mode), the order flow's who-and-when, and community centres.
 *
 * cube and earthdistance go into `public`, the one schema every role has on its
 * search path by default, and the SQL that uses them names `public.` explicitly,
 * so it also works with a search_path of only `neighbour_stations`.
 * earthdistance 1.2 (PostgreSQL 16+) has SQL-standard function bodies that bind
 * cube at creation time, so `ll_to_earth` is safe in an index expression.
 * earthdistance is not a trusted extension: the migrating role must be a
 * superuser (it is, both embedded and in docker-compose).
 */
export class StationsRotaOrders1763971200003 implements MigrationInterface {
  name = 'StationsRotaOrders1763971200003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS cube WITH SCHEMA public`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public`);
    const placed: { extname: string; schema: string }[] = await db.query(
      `SELECT extname, extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname IN ('cube', 'earthdistance')`,
    );
    const elsewhere = placed.filter((e) => e.schema !== 'public');
    if (elsewhere.length) {
      throw new Error(`neighbour-stations needs cube and earthdistance in schema public; found ${JSON.stringify(elsewhere)}`);
    }

    // 八有 as an object {item: evidence}: an item is met when it has evidence.
    await db.query(`
      CREATE FUNCTION ${NS}.eight_haves_count(checklist jsonb) RETURNS smallint
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN (SELECT count(*) FROM jsonb_object_keys(checklist))::smallint`);
    await db.query(`ALTER TABLE ${NS}.station DROP COLUMN eight_haves_met`);
    await db.query(`
      ALTER TABLE ${NS}.station
        ADD COLUMN address text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
        ADD COLUMN opening_hours text NOT NULL DEFAULT '08:30-12:00, 14:30-18:00' CHECK (length(opening_hours) <= 100),
        ADD COLUMN operator_id uuid,
        ADD COLUMN amenities text[] NOT NULL DEFAULT '{}' CHECK (amenities <@ ARRAY[${AMENITIES}]),
        ADD COLUMN helps text[] NOT NULL DEFAULT ARRAY[${HELPS}] CHECK (helps <@ ARRAY[${HELPS}]),
        ADD COLUMN coverage_radius_m integer NOT NULL DEFAULT 1000 CHECK (coverage_radius_m BETWEEN 1 AND 50000),
        ADD COLUMN people_covered integer NOT NULL DEFAULT 0 CHECK (people_covered >= 0),
        ADD COLUMN mode text NOT NULL DEFAULT 'SERIAL' CHECK (mode IN ('SERIAL', 'PARALLEL')),
        ADD COLUMN open_weekdays smallint[] NOT NULL DEFAULT '{1,2,3,4,5,6,7}' CHECK (open_weekdays <@ '{1,2,3,4,5,6,7}'),
        ADD COLUMN weekday_unit_kinds text[] NOT NULL DEFAULT '{GOVERNMENT_UNIT}' CHECK (weekday_unit_kinds <@ ARRAY[${KINDS}]),
        ADD COLUMN weekend_unit_kinds text[] NOT NULL DEFAULT '{ASSOCIATION}' CHECK (weekend_unit_kinds <@ ARRAY[${KINDS}]),
        ADD COLUMN eight_haves jsonb NOT NULL DEFAULT '{}'
          CHECK (jsonb_typeof(eight_haves) = 'object' AND eight_haves - ARRAY[${EIGHT_HAVES}] = '{}'::jsonb),
        ADD COLUMN eight_haves_met smallint GENERATED ALWAYS AS (${NS}.eight_haves_count(eight_haves)) STORED`);
    // The 15-minute circle: earth_box(...) @> ll_to_earth(...) is answered by this index.
    await db.query(`CREATE INDEX station_earth_idx ON ${NS}.station USING gist (public.ll_to_earth(latitude, longitude))`);

    await db.query(`
      CREATE TABLE ${NS}.station_manager (
        station_id uuid NOT NULL REFERENCES ${NS}.station (id),
        person_id uuid NOT NULL,
        PRIMARY KEY (station_id, person_id)
      )`);
    // A local copy of the directory's organisations that take station duty, with their kind.
    await db.query(`
      CREATE TABLE ${NS}.duty_unit (
        organization_id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        region_code varchar(12) COLLATE "C" CHECK (region_code ~ '^[0-9]{2,12}$')
      )`);
    await db.query(`
      CREATE TABLE ${NS}.duty_slot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id uuid NOT NULL REFERENCES ${NS}.station (id),
        region_code ${REGION},
        date date NOT NULL,
        half text NOT NULL CHECK (half IN ('MORNING', 'AFTERNOON')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        claimed_by uuid REFERENCES ${NS}.duty_unit (organization_id),
        claimed_at timestamptz,
        on_duty_person_id uuid,
        checked_in_at timestamptz,
        checked_out_at timestamptz,
        UNIQUE (station_id, date, half),
        CHECK ((claimed_by IS NULL) = (claimed_at IS NULL)),
        CHECK (checked_in_at IS NULL OR claimed_by IS NOT NULL),
        CHECK (checked_out_at IS NULL OR checked_in_at IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX duty_slot_unclaimed_idx ON ${NS}.duty_slot (region_code, starts_at) WHERE claimed_by IS NULL`);

    // 并联式: a station's teams, each serving one group of residents (one help).
    await db.query(`
      CREATE TABLE ${NS}.station_team (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id uuid NOT NULL REFERENCES ${NS}.station (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        serves text NOT NULL CHECK (serves IN (${HELPS})),
        UNIQUE (station_id, serves)
      )`);
    await db.query(`
      CREATE TABLE ${NS}.station_team_member (
        team_id uuid NOT NULL REFERENCES ${NS}.station_team (id),
        person_id uuid NOT NULL,
        PRIMARY KEY (team_id, person_id)
      )`);

    // Orders recorded before accounts (and the skeleton's rows) have no resident.
    await db.query(`
      ALTER TABLE ${NS}.station_order
        ADD COLUMN resident_id uuid,
        ADD COLUMN volunteer_id uuid,
        ADD COLUMN team_id uuid REFERENCES ${NS}.station_team (id),
        ADD COLUMN note text CHECK (length(note) <= 500),
        ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 100),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT station_order_idempotency UNIQUE (resident_id, idempotency_key)`);
    await db.query(`CREATE INDEX station_order_station_page_idx ON ${NS}.station_order (station_id, created_at, id)`);
    await db.query(`
      CREATE TABLE ${NS}.station_order_step (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES ${NS}.station_order (id),
        status text NOT NULL
          CHECK (status IN ('PLACED', 'DISPATCHED', 'ACCEPTED', 'COMPLETED', 'RATED', 'CANCELLED')),
        actor_id uuid,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX station_order_step_order_idx ON ${NS}.station_order_step (order_id, id)`);

    // The directory holds no coordinates: community centres are this subgraph's
    // own reference data (surveyed with the station areas).
    await db.query(`
      CREATE TABLE ${NS}.community_centre (
        region_code varchar(12) COLLATE "C" PRIMARY KEY CHECK (region_code ~ '^[0-9]{12}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['community_centre', 'station_order_step', 'duty_slot', 'duty_unit', 'station_manager']) {
      await db.query(`DROP TABLE ${NS}.${table}`);
    }
    await db.query(`
      ALTER TABLE ${NS}.station_order DROP COLUMN resident_id, DROP COLUMN volunteer_id, DROP COLUMN team_id,
        DROP COLUMN note, DROP COLUMN idempotency_key, DROP COLUMN updated_at`);
    await db.query(`DROP TABLE ${NS}.station_team_member`);
    await db.query(`DROP TABLE ${NS}.station_team`);
    await db.query(`DROP INDEX ${NS}.station_earth_idx`);
    await db.query(`
      ALTER TABLE ${NS}.station DROP COLUMN eight_haves_met, DROP COLUMN address, DROP COLUMN opening_hours,
        DROP COLUMN operator_id, DROP COLUMN amenities, DROP COLUMN helps, DROP COLUMN coverage_radius_m,
        DROP COLUMN people_covered, DROP COLUMN mode, DROP COLUMN open_weekdays, DROP COLUMN weekday_unit_kinds,
        DROP COLUMN weekend_unit_kinds, DROP COLUMN eight_haves`);
    await db.query(`ALTER TABLE ${NS}.station ADD COLUMN eight_haves_met smallint NOT NULL DEFAULT 0 CHECK (eight_haves_met BETWEEN 0 AND 8)`);
    await db.query(`DROP FUNCTION ${NS}.eight_haves_count(jsonb)`);
  }
}
