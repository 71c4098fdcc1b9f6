import { randomUUID } from 'node:crypto';
import { recordStatements, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { assessments } from '../src/module';
import { cityAdmin } from './arrange';

const TEMPLATE = `(SELECT id FROM assessments.template WHERE code = 'STATION_EVALUATION')`;
const STATIONS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Station { id assessments { subject { ... on Station { id } } } } } }`;

/** Assessments looked up by their subject: one statement for all subjects, through the (subject_type, subject_id) index. */
describe("a subject's assessments", () => {
  let graph: SubgraphHarness;
  const stations = [randomUUID(), randomUUID(), randomUUID()];
  beforeAll(async () => {
    graph = await startSubgraphHarness(assessments);
    // Two each for the stations asked, and others of every kind beside them.
    await graph.db.query(
      `INSERT INTO assessments.assessment (template_id, period, subject_type, subject_id, region_code, kind, status, total_score, submitted_at)
       SELECT ${TEMPLATE}, '2025', t, s, '350504101211', 'ROUTINE', 'SUBMITTED', 80, now() - n * interval '1 day'
       FROM (SELECT 'STATION' AS t, unnest($1::text[]) AS s UNION ALL
             SELECT t, gen_random_uuid()::text FROM unnest(ARRAY['STATION', 'VETERAN_TEAM', 'ORGANIZATION']) AS t, generate_series(1, 20)) AS subjects,
            generate_series(1, 2) AS n`,
      [stations],
    );
  });
  afterAll(() => graph.stop());

  it('when three stations are asked in one call, then one statement finds their assessments, through the subject index', async () => {
    const log = recordStatements(graph.db);
    try {
      const { body } = await graph.query(STATIONS, { reps: stations.map((id) => ({ __typename: 'Station', id })) }, cityAdmin());
      expect(body.errors).toBeUndefined();
      expect(body.data._entities.map((s: any) => s.assessments.map((a: any) => a.subject.id))).toEqual(stations.map((id) => [id, id]));
    } finally {
      log.stop();
    }
    const lookups = log.statements.filter((s) => s.name === 'assessmentsOfSubjects');
    expect(lookups).toHaveLength(1);
    // A small table is read whole whatever its indexes: with sequential scans off, only a usable index avoids one.
    const plan = await graph.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL enable_seqscan = off`);
      const rows: { 'QUERY PLAN': string }[] = await tx.query(`EXPLAIN ${lookups[0].sql}`, lookups[0].parameters);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index (Only )?Scan using assessment_subject(_latest)?_idx on assessment/);
    expect(plan).not.toMatch(/Seq Scan on assessment /);
  });
});
