import type { DataSource, EntityManager } from 'typeorm';
import { keyedLoader, type Sql } from '@civic/shared';
import type { MealSubsidyCategory } from '../domain/subsidy';

export interface Diner {
  elderId: string;
  canteenId: string;
  regionCode: string;
  subsidyCategory: MealSubsidyCategory;
  enrolledOn: string;
}

const COLUMNS = `elder_id AS "elderId", canteen_id AS "canteenId", region_code AS "regionCode",
  subsidy_category AS "subsidyCategory", to_char(enrolled_on, 'YYYY-MM-DD') AS "enrolledOn"`;

export function dinerRepository(db: Sql) {
  return {
    byElderIds: (ids: readonly string[]): Promise<Diner[]> =>
      db.query(`/* dinersByElder */ SELECT ${COLUMNS} FROM elder_canteens.diner WHERE elder_id = ANY($1::uuid[])`, [ids]),
    /** Enrols, or moves the enrolment to this canteen; a retry leaves the same row. */
    enrol: async (elderId: string, canteenId: string, regionCode: string, category: MealSubsidyCategory): Promise<Diner> => {
      const [row] = await db.query(
        `/* enrolDiner */ INSERT INTO elder_canteens.diner (elder_id, canteen_id, region_code, subsidy_category)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (elder_id) DO UPDATE SET canteen_id = EXCLUDED.canteen_id, region_code = EXCLUDED.region_code,
           subsidy_category = EXCLUDED.subsidy_category,
           enrolled_on = CASE WHEN diner.canteen_id = EXCLUDED.canteen_id THEN diner.enrolled_on ELSE current_date END
         RETURNING ${COLUMNS}`,
        [elderId, canteenId, regionCode, category],
      );
      return row;
    },
    inTransaction: async (tx: EntityManager, elderId: string): Promise<Diner | null> =>
      (await tx.query(`/* dinerForMeal */ SELECT ${COLUMNS} FROM elder_canteens.diner WHERE elder_id = $1`, [elderId]))[0] ?? null,
  };
}

export const dinerLoader = (db: DataSource) =>
  keyedLoader(
    (ids: readonly string[]) => dinerRepository(db).byElderIds(ids),
    (d) => d.elderId,
  );
