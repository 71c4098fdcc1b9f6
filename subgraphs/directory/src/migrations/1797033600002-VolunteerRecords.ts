import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxTableSql, outboxTable } from '@civic/shared';

/**
 * Volunteers' records (issue 16.4):
 * - the graph's own volunteer number, given at registration to every volunteer
 *   (domain/graphVolunteerNumber.ts: CGV, an 8-digit serial, two check digits of
 *   ISO 7064 MOD 97-10), drawn from a sequence so that a number is never reused,
 *   even after its holder is erased or has recorded a national one;
 * - hours certificates: an immutable snapshot (a trigger refuses UPDATE and DELETE),
 *   with its revocation in a table of its own (once per certificate);
 * - the directory's own notice outbox, for a volunteer moved to another region.
 */
export class VolunteerRecords1797033600002 implements MigrationInterface {
  name = 'VolunteerRecords1797033600002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE directory.graph_volunteer_serial MAXVALUE 99999999 NO CYCLE`);
    await db.query(`
      CREATE FUNCTION directory.next_graph_volunteer_number() RETURNS text LANGUAGE sql VOLATILE AS $$
        SELECT 'CGV' || lpad(n::text, 8, '0') || lpad((98 - (n * 100) % 97)::text, 2, '0')
        FROM (SELECT nextval('directory.graph_volunteer_serial') AS n) s
      $$`);
    await db.query(`ALTER TABLE directory.volunteer ADD COLUMN graph_number varchar(13) UNIQUE`);
    // Every volunteer registered before has one from now, in the order they registered.
    await db.query(`
      UPDATE directory.volunteer v SET graph_number = directory.next_graph_volunteer_number()
      FROM (SELECT person_id FROM directory.volunteer ORDER BY registered_at, person_id) o
      WHERE v.person_id = o.person_id`);
    await db.query(`ALTER TABLE directory.volunteer ALTER COLUMN graph_number SET DEFAULT directory.next_graph_volunteer_number()`);

    await db.query(`
      CREATE TABLE directory.hours_certificate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code char(16) NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
        person_id uuid NOT NULL REFERENCES directory.person (id),
        period_from date NOT NULL,
        period_to date NOT NULL CHECK (period_to >= period_from),
        hours jsonb NOT NULL CHECK (jsonb_typeof(hours) = 'object'),
        total_hours numeric(8, 2) NOT NULL CHECK (total_hours >= 0),
        issued_by uuid NOT NULL,
        issued_as text NOT NULL CHECK (issued_as IN ('SELF', 'STATION_MANAGER', 'DISTRICT_OFFICER', 'CITY_ADMIN')),
        issuer_region_code varchar(12),
        issued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX hours_certificate_person_idx ON directory.hours_certificate (person_id, issued_at DESC)`);
    await db.query(`
      CREATE FUNCTION directory.hours_certificate_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'an hours certificate is a snapshot: it is revoked, never changed or deleted';
      END $$`);
    await db.query(`
      CREATE TRIGGER hours_certificate_immutable BEFORE UPDATE OR DELETE ON directory.hours_certificate
      FOR EACH ROW EXECUTE FUNCTION directory.hours_certificate_immutable()`);
    await db.query(`
      CREATE TABLE directory.hours_certificate_revocation (
        certificate_id uuid PRIMARY KEY REFERENCES directory.hours_certificate (id),
        revoked_by uuid NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const statement of createOutboxTableSql('directory')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ${outboxTable('directory')}`);
    await db.query(`DROP TABLE directory.hours_certificate_revocation`);
    await db.query(`DROP TABLE directory.hours_certificate`);
    await db.query(`DROP FUNCTION directory.hours_certificate_immutable()`);
    await db.query(`ALTER TABLE directory.volunteer DROP COLUMN graph_number`);
    await db.query(`DROP FUNCTION directory.next_graph_volunteer_number()`);
    await db.query(`DROP SEQUENCE directory.graph_volunteer_serial`);
  }
}
