import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person can be erased (PIPL Art. 47, `erasePerson`): the row stays as a tombstone
 * (`erased_at`), so that every id the other subgraphs hold still names someone and
 * their ledgers, requests and histories still add up, but the name becomes 已删除 and
 * the phone, ID number (ciphertext and digest) and date of birth are removed. Only
 * the year of birth is kept (`birth_year`, set on erasure), for age statistics.
 */
export class PersonErasure1796428800000 implements MigrationInterface {
  name = 'PersonErasure1796428800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE directory.person
        ADD COLUMN erased_at timestamptz,
        ADD COLUMN birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100),
        ALTER COLUMN birth_date DROP NOT NULL,
        ADD CONSTRAINT person_born_check CHECK (birth_date IS NOT NULL OR (erased_at IS NOT NULL AND birth_year IS NOT NULL)),
        ADD CONSTRAINT person_erased_check CHECK (erased_at IS NULL OR (birth_date IS NULL AND phone IS NULL AND id_number_sealed IS NULL AND id_number_digest IS NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // An erased person's tombstone keeps only the year: before the column is required again it gets 1 January of it.
    await db.query(`ALTER TABLE directory.person DROP CONSTRAINT person_erased_check, DROP CONSTRAINT person_born_check`);
    await db.query(`UPDATE directory.person SET birth_date = make_date(birth_year, 1, 1) WHERE birth_date IS NULL`);
    await db.query(`ALTER TABLE directory.person ALTER COLUMN birth_date SET NOT NULL, DROP COLUMN birth_year, DROP COLUMN erased_at`);
  }
}
