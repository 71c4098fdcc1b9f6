import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The year a veteran enlisted, given when they are registered (issue 14.1), so
 * the enlistment age can be checked against the birth date. Older rows keep only
 * service and discharge years (null here). Discharge comes after enlistment.
 */
export class EnlistmentYear1796342400002 implements MigrationInterface {
  name = 'EnlistmentYear1796342400002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE veteran_volunteers.veteran
        ADD COLUMN enlistment_year smallint CHECK (enlistment_year BETWEEN 1949 AND 2100),
        ADD CONSTRAINT veteran_discharged_after_enlisting CHECK (discharge_year > enlistment_year)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE veteran_volunteers.veteran DROP CONSTRAINT veteran_discharged_after_enlisting, DROP COLUMN enlistment_year`);
  }
}
