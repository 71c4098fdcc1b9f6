import { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTableSql, dropAuditTableSql } from '@civic/shared';
import { VETERAN_DATA_ACCESS } from '../domain/audit';

/**
 * The veteran data access log (issue 7): every read of a veteran's service details
 * shown whole is written here, and PostgreSQL refuses UPDATE, DELETE and TRUNCATE
 * on it, whoever connects. Same shape and protections as the directory's
 * personal_data_access, built by the shared helper.
 */
export class VeteranDataAccessLog1763884800022 implements MigrationInterface {
  name = 'VeteranDataAccessLog1763884800022';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of createAuditTableSql(VETERAN_DATA_ACCESS, 'the veteran data access log is append-only')) {
      await db.query(statement);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of dropAuditTableSql(VETERAN_DATA_ACCESS)) await db.query(statement);
  }
}
