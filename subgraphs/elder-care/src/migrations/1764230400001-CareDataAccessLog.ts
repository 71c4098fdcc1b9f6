import { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTableSql, dropAuditTableSql } from '@civic/shared';
import { CARE_DATA_ACCESS } from '../domain/audit';

/**
 * The care data access log (issue 7): every read of an elder's conditions, care
 * note, emergency contact, carers or request notes shown whole is written here,
 * and PostgreSQL refuses UPDATE, DELETE and TRUNCATE on it, whoever connects. Same
 * shape and protections as the directory's personal_data_access (shared helper).
 */
export class CareDataAccessLog1764230400001 implements MigrationInterface {
  name = 'CareDataAccessLog1764230400001';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of createAuditTableSql(CARE_DATA_ACCESS, 'the care data access log is append-only')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of dropAuditTableSql(CARE_DATA_ACCESS)) await db.query(statement);
  }
}
