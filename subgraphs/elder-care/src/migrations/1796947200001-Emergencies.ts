import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 一键呼叫 (issue 16.3): an emergency is a service request of priority EMERGENCY
 * plus the record of who raised it, who acknowledged and resolved it, and when it
 * escalated; call devices are registered to one elder each, and a device's token
 * (its `sub` is the device's id) raises emergencies for that elder only while the
 * registration stands.
 */
export class Emergencies1796947200001 implements MigrationInterface {
  name = 'Emergencies1796947200001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE elder_care.service_request
      ADD COLUMN priority text NOT NULL DEFAULT 'ROUTINE' CHECK (priority IN ('ROUTINE', 'EMERGENCY'))`);
    // A worklist shows open emergencies first: few rows, found by this partial index.
    await db.query(`CREATE INDEX service_request_open_emergency_idx ON elder_care.service_request (region_code, created_at, id)
      WHERE status = 'OPEN' AND priority = 'EMERGENCY'`);
    // A request a call device raised records the device as who placed it.
    await db.query(`ALTER TABLE elder_care.service_request_step
      DROP CONSTRAINT service_request_step_acting_as_check,
      ADD CONSTRAINT service_request_step_acting_as_check
        CHECK (acting_as IN ('ELDER', 'FAMILY_MEMBER', 'STATION_WORKER', 'OFFICER', 'VOLUNTEER', 'GROUP_MEMBER', 'PROGRAMME', 'CALL_DEVICE'))`);
    await db.query(`
      CREATE TABLE elder_care.call_device (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        elder_id uuid NOT NULL REFERENCES elder_care.elder (id),
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
        registered_by uuid NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        revoked_by uuid,
        revoked_at timestamptz,
        CHECK ((revoked_by IS NULL) = (revoked_at IS NULL))
      )`);
    await db.query(`CREATE INDEX call_device_elder_idx ON elder_care.call_device (elder_id)`);
    await db.query(`
      CREATE TABLE elder_care.emergency (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL UNIQUE REFERENCES elder_care.service_request (id),
        elder_id uuid NOT NULL REFERENCES elder_care.elder (id),
        region_code text NOT NULL,
        raised_by uuid NOT NULL,
        raised_as text NOT NULL CHECK (raised_as IN ('ELDER', 'FAMILY_MEMBER', 'STATION_WORKER', 'OFFICER', 'CALL_DEVICE')),
        raised_at timestamptz NOT NULL,
        -- the people on duty at the nearest station, told once they could be asked (the station subgraph may be down)
        staff_notified_at timestamptz,
        acknowledged_by uuid,
        acknowledged_at timestamptz,
        escalated_at timestamptz,
        resolved_by uuid,
        resolved_at timestamptz,
        resolution text CHECK (length(resolution) BETWEEN 1 AND 500),
        CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)),
        CHECK ((resolved_by IS NULL) = (resolved_at IS NULL)),
        CHECK (acknowledged_at IS NULL OR acknowledged_at >= raised_at),
        CHECK (resolved_at IS NULL OR acknowledged_at IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX emergency_region_idx ON elder_care.emergency (region_code, raised_at)`);
    // The sweeps' scans: what still waits for its staff notice, or for acknowledgement.
    await db.query(`CREATE INDEX emergency_unacknowledged_idx ON elder_care.emergency (raised_at) WHERE acknowledged_at IS NULL AND escalated_at IS NULL`);
    await db.query(`CREATE INDEX emergency_staff_pending_idx ON elder_care.emergency (raised_at) WHERE staff_notified_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE elder_care.emergency`);
    await db.query(`DROP TABLE elder_care.call_device`);
    await db.query(`DELETE FROM elder_care.service_request_step s USING elder_care.service_request r
      WHERE r.id = s.request_id AND r.priority = 'EMERGENCY'`);
    await db.query(`ALTER TABLE elder_care.service_request_step
      DROP CONSTRAINT service_request_step_acting_as_check,
      ADD CONSTRAINT service_request_step_acting_as_check
        CHECK (acting_as IN ('ELDER', 'FAMILY_MEMBER', 'STATION_WORKER', 'OFFICER', 'VOLUNTEER', 'GROUP_MEMBER', 'PROGRAMME'))`);
    await db.query(`DELETE FROM elder_care.service_request WHERE priority = 'EMERGENCY'`);
    await db.query(`DROP INDEX elder_care.service_request_open_emergency_idx`);
    await db.query(`ALTER TABLE elder_care.service_request DROP COLUMN priority`);
  }
}
