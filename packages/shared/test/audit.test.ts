import { Client } from 'pg';
import type { Identity } from '../src/auth/identity';
import { auditLog, auditLogConnection, auditRequestIdSql, AuditTable, auditTrail, createAuditTableSql, dropAuditTableSql, qualifiedName } from '../src/audit';
import { createEmptyTestDatabase, TestDatabase } from '../src/testing/database';

const TABLE: AuditTable = { schema: 'audit_test', table: 'case_file_access', subjectColumn: 'case_id' };
const officer: Identity = { sub: 'a0000000-0000-4000-8000-000000000001', roles: ['DISTRICT_OFFICER'], region: '350105' };
const caseA = 'c0000000-0000-4000-8000-00000000000a';
const caseB = 'c0000000-0000-4000-8000-00000000000b';
/** A call signed without the client's operation name: the trail keeps the one the call ran. */
const call = (requestId: string) => ({ requestId, operation: null });

describe('the shared audit trail', () => {
  let database: TestDatabase;
  let client: Client;
  const sql = { query: (text: string, params?: unknown[]) => client.query(text, params as any[]).then((r) => r.rows) };
  const rows = () => sql.query(`SELECT actor, actor_roles, actor_region, case_id, fields, operation FROM audit_test.case_file_access ORDER BY id`);

  beforeAll(async () => {
    database = await createEmptyTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    await sql.query(`CREATE SCHEMA audit_test`);
    for (const statement of [...createAuditTableSql(TABLE), ...auditRequestIdSql(TABLE)]) await sql.query(statement);
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('when one request reads fields of two subjects in one tick, then one row per subject names every field, before the values are released', async () => {
    const log = auditLog(sql, TABLE);
    const trail = auditTrail(log, officer, call('request-1'));
    await Promise.all([
      trail.record(caseA, 'phone', 'ReadCase'),
      trail.record(caseA, 'idNumber', 'ReadCase'),
      trail.record(caseA, 'phone', 'ReadCase'),
      trail.record(caseB, 'skills', 'ReadCase'),
    ]);
    expect(await rows()).toEqual([
      { actor: officer.sub, actor_roles: ['DISTRICT_OFFICER'], actor_region: '350105', case_id: caseA, fields: ['idNumber', 'phone'], operation: 'ReadCase' },
      { actor: officer.sub, actor_roles: ['DISTRICT_OFFICER'], actor_region: '350105', case_id: caseB, fields: ['skills'], operation: 'ReadCase' },
    ]);
  });

  it('when the log cannot be written, then the read is refused (its promise rejects)', async () => {
    const trail = auditTrail({ append: () => Promise.reject(new Error('disk full')) }, officer, call('request-2'));
    await expect(trail.record(caseA, 'phone', null)).rejects.toThrow('disk full');
  });

  it('when the log is paged, then it comes newest first, filtered by subject, and the cursor continues', async () => {
    const log = auditLog(sql, TABLE);
    for (const operation of ['One', 'Two', 'Three']) await log.append(officer, `request-${operation}`, [{ subjectId: caseB, fields: ['skills'], operation }]);
    const first = await auditLogConnection(log, { subjectId: caseB }, { first: 2 });
    expect(first.totalCount).toBe(4);
    expect(first.edges.map((e) => e.node.operation)).toEqual(['Three', 'Two']);
    expect(first.edges[0].node.subject_id).toBe(caseB);
    const second = await auditLogConnection(log, { subjectId: caseB }, { first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.operation)).toEqual(['One', 'ReadCase']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect((await auditLogConnection(log, { subjectId: null }, {})).totalCount).toBe(5);
  });

  it('when anyone changes the table in the database itself, then PostgreSQL refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql.query(`UPDATE audit_test.case_file_access SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`DELETE FROM audit_test.case_file_access`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`TRUNCATE audit_test.case_file_access`)).rejects.toThrow(/append-only/);
    expect(await rows()).toHaveLength(5);
    await expect(
      sql.query(
        `INSERT INTO audit_test.case_file_access (actor, actor_roles, case_id, fields, request_id) VALUES ('x', '{}', $1, '{phone}', 'not a request id')`,
        [caseA],
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('when a row names no field, then PostgreSQL refuses it', async () => {
    await expect(auditLog(sql, TABLE).append(officer, 'request-3', [{ subjectId: caseA, fields: [], operation: null }])).rejects.toThrow(/check constraint/);
  });

  it('when several calls of one client request read the same fields of a subject, then one row names the client request and its operation', async () => {
    const log = auditLog(sql, TABLE);
    const trace = { requestId: 'client-request-7', operation: 'CasePage' };
    // Two subgraph calls, each with its own trail, reading in a different order.
    await Promise.all([
      auditTrail(log, officer, trace).record(caseA, 'phone', 'CasePage__cases__0'),
      auditTrail(log, officer, trace).record(caseA, 'idNumber', 'CasePage__cases__0'),
    ]);
    await Promise.all(
      [
        auditTrail(log, officer, trace).record(caseA, 'idNumber', 'CasePage__cases__1'),
        auditTrail(log, officer, trace).record(caseA, 'phone', 'CasePage__cases__1'),
      ].reverse(),
    );
    const trail = auditTrail(log, officer, trace);
    await Promise.all([trail.record(caseA, 'idNumber', 'CasePage__cases__2'), trail.record(caseA, 'phone', 'CasePage__cases__2')]);
    const written = await sql.query(`SELECT fields, operation, request_id FROM audit_test.case_file_access WHERE request_id = 'client-request-7' ORDER BY id`);
    expect(written).toEqual([
      { fields: ['phone'], operation: 'CasePage', request_id: 'client-request-7' },
      { fields: ['idNumber'], operation: 'CasePage', request_id: 'client-request-7' },
      { fields: ['idNumber', 'phone'], operation: 'CasePage', request_id: 'client-request-7' },
    ]);
  });

  it('when the table is dropped with the helper, then table and function are gone', async () => {
    await sql.query(`CREATE SCHEMA audit_drop`);
    const table = { ...TABLE, schema: 'audit_drop' };
    for (const statement of createAuditTableSql(table)) await sql.query(statement);
    for (const statement of dropAuditTableSql(table)) await sql.query(statement);
    expect(
      await sql.query(`SELECT to_regclass('audit_drop.case_file_access') AS t, to_regprocedure('audit_drop.refuse_case_file_access_change()') AS f`),
    ).toEqual([{ t: null, f: null }]);
  });

  it('when a name is not a plain identifier, then the helper refuses to build SQL with it', () => {
    expect(() => qualifiedName({ ...TABLE, table: 'x; DROP TABLE y' })).toThrow(/identifier/);
    expect(() => createAuditTableSql({ ...TABLE, subjectColumn: 'Case"Id' })).toThrow(/identifier/);
  });

  it('when reads fall in the same millisecond, then paging one at a time still returns each of them once', async () => {
    const caseC = 'c0000000-0000-4000-8000-00000000000c';
    // now() has microseconds; a cursor built from a JS Date would keep only milliseconds.
    for (const at of ['2026-11-23 09:00:00.123100+00', '2026-11-23 09:00:00.123200+00', '2026-11-23 09:00:00.123300+00']) {
      await sql.query(
        `INSERT INTO audit_test.case_file_access (at, actor, actor_roles, case_id, fields) VALUES ($1, $2, '{DISTRICT_OFFICER}', $3, '{phone}')`,
        [at, officer.sub, caseC],
      );
    }
    const log = auditLog(sql, TABLE);
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 4; i++) {
      const page = await auditLogConnection(log, { subjectId: caseC }, { first: 1, after });
      seen.push(...page.edges.map((e) => e.node.at_key));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    expect(seen).toEqual(['2026-11-23T09:00:00.123300Z', '2026-11-23T09:00:00.123200Z', '2026-11-23T09:00:00.123100Z']);
  });
});
