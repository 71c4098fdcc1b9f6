import { randomUUID } from 'node:crypto';
import { startTestGraph, TestGraph } from './harness';

const SUBMIT = `mutation ($t: ID!, $s: ID!, $kind: AssessmentKind!, $scores: [ItemScoreInput!]!) {
  submitAssessment(templateId: $t, subjectType: STATION, subjectId: $s, kind: $kind, scores: $scores) {
    id status totalScore grade subject { ... on Station { id name region { name } } } } }`;
const FINALIZE = `mutation ($id: ID!) { finalizeAssessment(id: $id) { status } }`;
const STATION = `query ($id: ID!) { station(id: $id) { name certified latestScore assessments { id kind totalScore } } }`;
const SUMMARY = `{ region(code: "350504") { name assessmentSummary { assessments averageScore } stationStats { stations certified } } }`;

describe('assessments through the gateway, on the seeded graph', () => {
  let graph: TestGraph;
  let officer: string;
  let template: { id: string; items: { id: string; maxScore: number }[] };
  const code = (response: { body: any }) => response.body.errors?.[0]?.extensions?.code;
  const count = async () => (await graph.db('assessments').query(`SELECT count(*)::int AS n FROM assessments.assessment`))[0].n as number;

  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' } });
    officer = await graph.token(['DISTRICT_OFFICER'], '350504');
    const { body } = await graph.query(`{ assessmentTemplates { id code itemCount items { id maxScore } } }`);
    template = body.data.assessmentTemplates.find((t: any) => t.code === 'STATION_EVALUATION');
  });
  afterAll(() => graph.stop());

  it('when the dashboard reads 洛江区, then the seeded assessments and plaques show across subgraphs', async () => {
    const { body } = await graph.query(SUMMARY);
    expect(body.errors).toBeUndefined();
    const region = body.data.region;
    expect(region.name).toBe('洛江区');
    expect(region.assessmentSummary.assessments).toBeGreaterThan(0);
    expect(region.assessmentSummary.averageScore).toBeGreaterThan(0);
    expect(region.stationStats.certified).toBeGreaterThan(0);
    expect(region.stationStats.certified).toBeLessThanOrEqual(region.stationStats.stations);
  });

  it('when an officer scores a real seeded station and makes it final, then Station.certified, latestScore and the region summary follow', async () => {
    const { body } = await graph.query(`{ stations(regionCode: "350504", first: 20) { edges { node { id name certified } } } }`);
    const stations = body.data.stations.edges.map((e: any) => e.node);
    const station = stations.find((s: any) => !s.certified) ?? stations[0];
    const before = (await graph.query(SUMMARY)).body.data.region.assessmentSummary.assessments;

    const scores = template.items.map((item) => ({ itemId: item.id, score: item.maxScore * 0.9, evidence: '现场查看、台账抽查' }));
    const submitted = await graph.query(SUBMIT, { t: template.id, s: station.id, kind: 'ROUTINE', scores }, officer);
    expect(submitted.body.errors).toBeUndefined();
    const assessment = submitted.body.data.submitAssessment;
    expect(assessment).toMatchObject({ status: 'SUBMITTED', totalScore: 90, grade: '优秀', subject: { id: station.id, name: station.name } });
    expect(assessment.subject.region.name).toEqual(expect.any(String));
    expect((await graph.query(FINALIZE, { id: assessment.id }, officer)).body.data.finalizeAssessment.status).toBe('FINAL');

    const read = await graph.query(STATION, { id: station.id }, officer);
    expect(read.body.data.station).toMatchObject({ name: station.name, certified: true, latestScore: 90 });
    expect(read.body.data.station.assessments.map((a: any) => a.id)).toContain(assessment.id);
    // The public sees the plaque and the score, not the assessment's details.
    const anonymous = await graph.query(STATION, { id: station.id });
    expect(anonymous.body.data.station).toMatchObject({ certified: true, latestScore: 90, assessments: [] });
    expect((await graph.query(SUMMARY)).body.data.region.assessmentSummary.assessments).toBe(before + 1);
  });

  it('when the station is unknown to neighbour-stations, then NOT_FOUND and nothing is stored', async () => {
    const before = await count();
    const scores = template.items.map((item) => ({ itemId: item.id, score: item.maxScore }));
    const refused = await graph.query(SUBMIT, { t: template.id, s: randomUUID(), kind: 'SPOT_CHECK', scores }, officer);
    expect(code(refused)).toBe('NOT_FOUND');
    expect(await count()).toBe(before);
  });

  it('when an officer of another district or an anonymous caller submits, then it is refused and nothing is stored', async () => {
    const { body } = await graph.query(`{ stations(regionCode: "350504", first: 1) { edges { node { id } } } }`);
    const station = body.data.stations.edges[0].node.id;
    const scores = template.items.map((item) => ({ itemId: item.id, score: item.maxScore }));
    const before = await count();
    expect(code(await graph.query(SUBMIT, { t: template.id, s: station, kind: 'ROUTINE', scores }, await graph.token(['DISTRICT_OFFICER'], '350105')))).toBe('FORBIDDEN');
    expect(code(await graph.query(SUBMIT, { t: template.id, s: station, kind: 'ROUTINE', scores }))).toBe('UNAUTHENTICATED');
    expect(await count()).toBe(before);
  });

  it('when graded organisations and the district ranking are read, then they come through the gateway', async () => {
    const { body } = await graph.query(`{ region(code: "3505") { assessmentRanking(unit: DISTRICT) { rank score region { name } } }
      organizations(regionCode: "350504", first: 20) { edges { node { name grade } } } }`);
    expect(body.errors).toBeUndefined();
    const ranking = body.data.region.assessmentRanking;
    expect(ranking[0].rank).toBe(1);
    expect(ranking.map((r: any) => r.region.name)).toContain('洛江区');
    const scores = ranking.map((r: any) => r.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    const grades = body.data.organizations.edges.map((e: any) => e.node.grade).filter(Boolean);
    for (const grade of grades) expect(['3A', '4A', '5A']).toContain(grade);
  });
});
