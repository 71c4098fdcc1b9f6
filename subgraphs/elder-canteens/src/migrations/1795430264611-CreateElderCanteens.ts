import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Canteens, the elders enrolled at them and the meals served. Money is kept in
 * cents (exact sums). Region codes use the C collation so that "a region and
 * everything below it" is an index range scan; an elder's and a meal's region is
 * the canteen's community, copied so that figures need no join.
 */
export class CreateElderCanteens1795430264611 implements MigrationInterface {
  name = 'CreateElderCanteens1795430264611';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE elder_canteens.canteen (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        address text NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
        operator_id uuid,
        seats int NOT NULL CHECK (seats BETWEEN 1 AND 500),
        meal_price_cents int NOT NULL CHECK (meal_price_cents BETWEEN 0 AND 10000),
        serving_hours text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
        opened_at timestamptz NOT NULL DEFAULT now(),
        -- a retried openCanteen finds the canteen it opened the first time
        UNIQUE (region_code, name)
      )`);
    await db.query(`
      CREATE TABLE elder_canteens.diner (
        -- an elder eats at one canteen; enrolling elsewhere moves the row
        elder_id uuid PRIMARY KEY,
        canteen_id uuid NOT NULL REFERENCES elder_canteens.canteen (id),
        region_code varchar(12) COLLATE "C" NOT NULL,
        subsidy_category text NOT NULL
          CHECK (subsidy_category IN ('LOW_INCOME', 'DISABLED', 'LIVING_ALONE', 'ADVANCED_AGE', 'NONE')),
        enrolled_on date NOT NULL DEFAULT current_date
      )`);
    await db.query(`CREATE INDEX diner_region_idx ON elder_canteens.diner (region_code)`);
    await db.query(`CREATE INDEX diner_canteen_idx ON elder_canteens.diner (canteen_id)`);
    await db.query(`
      CREATE TABLE elder_canteens.meal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        canteen_id uuid NOT NULL REFERENCES elder_canteens.canteen (id),
        elder_id uuid NOT NULL,
        region_code varchar(12) COLLATE "C" NOT NULL,
        served_on date NOT NULL,
        meal text NOT NULL CHECK (meal IN ('LUNCH', 'DINNER')),
        price_cents int NOT NULL CHECK (price_cents >= 0),
        subsidy_cents int NOT NULL CHECK (subsidy_cents BETWEEN 0 AND price_cents),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        -- one lunch and one dinner a day: a retried serveMeal never pays twice
        UNIQUE (elder_id, served_on, meal)
      )`);
    await db.query(`CREATE INDEX meal_region_idx ON elder_canteens.meal (region_code)`);
    await db.query(`CREATE INDEX meal_canteen_idx ON elder_canteens.meal (canteen_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE elder_canteens.meal`);
    await db.query(`DROP TABLE elder_canteens.diner`);
    await db.query(`DROP TABLE elder_canteens.canteen`);
  }
}
