import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who belongs to an organisation that takes station duty: claiming a slot for a
 * unit needs one of its members (or the station's staff acting for it). No other
 * subgraph records the fact (the directory holds organisations, not their people),
 * so it lives beside the local copy of the units. Everyone who has already been on
 * duty for a unit is recorded as its member, so the rota goes on as it was.
 */
export class DutyUnitMembers1796083200013 implements MigrationInterface {
  name = 'DutyUnitMembers1796083200013';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE neighbour_stations.duty_unit_member (
        organization_id uuid NOT NULL REFERENCES neighbour_stations.duty_unit (organization_id),
        person_id uuid NOT NULL,
        PRIMARY KEY (organization_id, person_id)
      )`);
    await db.query(`
      INSERT INTO neighbour_stations.duty_unit_member (organization_id, person_id)
      SELECT DISTINCT claimed_by, on_duty_person_id FROM neighbour_stations.duty_slot
      WHERE claimed_by IS NOT NULL AND on_duty_person_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE neighbour_stations.duty_unit_member`);
  }
}
