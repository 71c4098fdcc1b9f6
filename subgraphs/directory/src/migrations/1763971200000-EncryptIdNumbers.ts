import { MigrationInterface, QueryRunner } from 'typeorm';
import { directoryConfig } from '../config';
import { idNumberCipher } from '../domain/idNumberCipher';

/**
 * ID numbers move from clear text to AES-256-GCM ciphertext plus a keyed digest
 * for uniqueness, and every access to personal data is logged in an audit table
 * that refuses updates and deletes.
 */
export class EncryptIdNumbers1763971200000 implements MigrationInterface {
  name = 'EncryptIdNumbers1763971200000';

  async up(db: QueryRunner): Promise<void> {
    const cipher = idNumberCipher(directoryConfig().dataKey);
    await db.query(`ALTER TABLE directory.person ADD COLUMN id_number_sealed bytea, ADD COLUMN id_number_digest bytea UNIQUE`);
    const rows: { id: string; id_number: string }[] = await db.query(`SELECT id, id_number FROM directory.person WHERE id_number IS NOT NULL`);
    for (const row of rows) {
      await db.query(`UPDATE directory.person SET id_number_sealed = $2, id_number_digest = $3 WHERE id = $1`, [
        row.id,
        cipher.encrypt(row.id_number),
        cipher.digest(row.id_number),
      ]);
    }
    await db.query(`ALTER TABLE directory.person DROP COLUMN id_number`);
    await db.query(`
      CREATE TABLE directory.personal_data_access (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        actor_roles text[] NOT NULL,
        actor_region text,
        person_id uuid NOT NULL,
        fields text[] NOT NULL CHECK (cardinality(fields) > 0),
        operation text
      )`);
    await db.query(`CREATE INDEX personal_data_access_person_idx ON directory.personal_data_access (person_id, at)`);
    await db.query(`CREATE INDEX personal_data_access_at_idx ON directory.personal_data_access (at)`);
    // Append-only, whoever connects: the log is evidence, so it cannot be edited.
    await db.query(`
      CREATE FUNCTION directory.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the personal data access log is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER personal_data_access_append_only
        BEFORE UPDATE OR DELETE ON directory.personal_data_access
        FOR EACH ROW EXECUTE FUNCTION directory.refuse_audit_change()`);
    await db.query(`
      CREATE TRIGGER personal_data_access_no_truncate
        BEFORE TRUNCATE ON directory.personal_data_access
        FOR EACH STATEMENT EXECUTE FUNCTION directory.refuse_audit_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    const cipher = idNumberCipher(directoryConfig().dataKey);
    await db.query(`DROP TABLE directory.personal_data_access`);
    await db.query(`DROP FUNCTION directory.refuse_audit_change()`);
    await db.query(`ALTER TABLE directory.person ADD COLUMN id_number varchar(18) UNIQUE`);
    const rows: { id: string; id_number_sealed: Buffer }[] = await db.query(
      `SELECT id, id_number_sealed FROM directory.person WHERE id_number_sealed IS NOT NULL`,
    );
    for (const row of rows) {
      await db.query(`UPDATE directory.person SET id_number = $2 WHERE id = $1`, [row.id, cipher.decrypt(row.id_number_sealed)]);
    }
    await db.query(`ALTER TABLE directory.person DROP COLUMN id_number_sealed, DROP COLUMN id_number_digest`);
  }
}
