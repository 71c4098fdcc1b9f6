import type { DataSource, EntityManager } from 'typeorm';
import { keyedLoader, type Sql } from '@civic/shared';

export interface Canteen {
  id: string;
  name: string;
  regionCode: string;
  address: string;
  operatorId: string | null;
  seats: number;
  mealPriceCents: number;
  servingHours: string;
  status: 'OPEN' | 'CLOSED';
}

/** A canteen as opened: its id and status come from the database. */
export type NewCanteen = Omit<Canteen, 'id' | 'status'>;

const COLUMNS = `id, name, region_code AS "regionCode", address, operator_id AS "operatorId", seats,
  meal_price_cents AS "mealPriceCents", serving_hours AS "servingHours", status`;

export function canteenRepository(db: Sql) {
  return {
    byIds: (ids: readonly string[]): Promise<Canteen[]> =>
      db.query(`/* canteensByIds */ SELECT ${COLUMNS} FROM elder_canteens.canteen WHERE id = ANY($1::uuid[])`, [ids]),
    inRegion: (code: string, first: number): Promise<Canteen[]> =>
      db.query(
        `/* canteensInRegion */ SELECT ${COLUMNS} FROM elder_canteens.canteen
         WHERE region_code >= $1 AND region_code < $1 || '~' ORDER BY name, id LIMIT $2`,
        [code, first],
      ),
    /** Opens, or returns the canteen a previous try opened. */
    open: async (c: NewCanteen): Promise<Canteen> => {
      const [row] = await db.query(
        `/* openCanteen */ INSERT INTO elder_canteens.canteen
           (name, region_code, address, operator_id, seats, meal_price_cents, serving_hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (region_code, name) DO UPDATE SET name = EXCLUDED.name
         RETURNING ${COLUMNS}`,
        [c.name, c.regionCode, c.address, c.operatorId, c.seats, c.mealPriceCents, c.servingHours],
      );
      return row;
    },
    /** The canteen, locked against a concurrent change of price or status while a meal is recorded. */
    lockedInTransaction: async (tx: EntityManager, id: string): Promise<Canteen | null> =>
      (await tx.query(`/* lockCanteen */ SELECT ${COLUMNS} FROM elder_canteens.canteen WHERE id = $1 FOR SHARE`, [id]))[0] ?? null,
  };
}

/** Diner and meal counts per canteen, batched. */
export const canteenCountsLoader = (db: DataSource) =>
  keyedLoader(
    (ids: readonly string[]): Promise<{ id: string; diners: number; meals: number }[]> =>
      db.query(
        `/* canteenCounts */ SELECT c.id,
           (SELECT count(*) FROM elder_canteens.diner d WHERE d.canteen_id = c.id)::int AS diners,
           (SELECT count(*) FROM elder_canteens.meal m WHERE m.canteen_id = c.id)::int AS meals
         FROM elder_canteens.canteen c WHERE c.id = ANY($1::uuid[])`,
        [ids],
      ),
    (row) => row.id,
  );

export const canteenLoader = (db: DataSource) =>
  keyedLoader(
    (ids: readonly string[]) => canteenRepository(db).byIds(ids),
    (c) => c.id,
  );
