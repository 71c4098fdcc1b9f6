import type { DataSource, EntityManager } from 'typeorm';
import { groupedLoader, insertOrRead, keyedLoader, type Sql } from '@civic/shared';

export interface Meal {
  id: string;
  canteenId: string;
  elderId: string;
  regionCode: string;
  servedOn: string;
  meal: 'LUNCH' | 'DINNER';
  priceCents: number;
  subsidyCents: number;
}

const COLUMNS = `id, canteen_id AS "canteenId", elder_id AS "elderId", region_code AS "regionCode",
  to_char(served_on, 'YYYY-MM-DD') AS "servedOn", meal, price_cents AS "priceCents", subsidy_cents AS "subsidyCents"`;

export function mealRepository(db: Sql) {
  return {
    byIds: (ids: readonly string[]): Promise<Meal[]> =>
      db.query(`/* mealsByIds */ SELECT ${COLUMNS} FROM elder_canteens.meal WHERE id = ANY($1::uuid[])`, [ids]),
    /**
     * The latest `first` meals of each elder, for many elders in one statement (each
     * key "elderId:first"); the unique (elder_id, served_on, meal) index serves each
     * elder's newest rows.
     */
    latestOfMany: (keys: readonly string[]): Promise<(Meal & { key: string })[]> =>
      db.query(
        `/* mealsOfElders */ SELECT k.key, m.* FROM unnest($1::text[]) AS k(key)
         CROSS JOIN LATERAL (
           SELECT ${COLUMNS} FROM elder_canteens.meal
           WHERE elder_id = split_part(k.key, ':', 1)::uuid
           ORDER BY served_on DESC, meal DESC, id LIMIT split_part(k.key, ':', 2)::int
         ) m
         ORDER BY k.key, m."servedOn" DESC, m.meal DESC, m.id`,
        [keys],
      ),
    /**
     * Records the meal, or returns the one already recorded for that elder, day and
     * meal: the unique key makes concurrent retries land on one row.
     */
    record: async (tx: EntityManager, m: Omit<Meal, 'id'>): Promise<Meal> =>
      (
        await insertOrRead<Meal>(
          tx,
          {
            sql: `/* recordMeal */ INSERT INTO elder_canteens.meal
                    (canteen_id, elder_id, region_code, served_on, meal, price_cents, subsidy_cents)
                  VALUES ($1, $2, $3, $4, $5, $6, $7)
                  ON CONFLICT (elder_id, served_on, meal) DO NOTHING
                  RETURNING ${COLUMNS}`,
            params: [m.canteenId, m.elderId, m.regionCode, m.servedOn, m.meal, m.priceCents, m.subsidyCents],
          },
          {
            sql: `/* existingMeal */ SELECT ${COLUMNS} FROM elder_canteens.meal WHERE elder_id = $1 AND served_on = $2 AND meal = $3`,
            params: [m.elderId, m.servedOn, m.meal],
          },
        )
      ).row,
  };
}

/** Subsidy paid per elder, ever, in cents. */
export const subsidyTotalLoader = (db: DataSource) =>
  keyedLoader(
    (ids: readonly string[]): Promise<{ elderId: string; cents: string }[]> =>
      db.query(
        `/* subsidyTotals */ SELECT e.id AS "elderId", coalesce(sum(m.subsidy_cents), 0)::bigint AS cents
         FROM unnest($1::uuid[]) AS e(id) LEFT JOIN elder_canteens.meal m ON m.elder_id = e.id GROUP BY e.id`,
        [ids],
      ),
    (row) => row.elderId,
  );

/** Each elder's latest meals, keyed "elderId:first": one statement for every elder a request names. */
export const latestMealsLoader = (db: DataSource) =>
  groupedLoader(
    (keys: readonly string[]) => mealRepository(db).latestOfMany(keys),
    (row) => row.key,
  );
