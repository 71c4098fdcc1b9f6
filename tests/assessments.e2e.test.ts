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
    const { body } = await graph.query(SUMMARY, {}, officer);
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
    const before = (await graph.query(SUMMARY, {}, officer)).body.data.region.assessmentSummary.assessments;

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
    expect((await graph.query(SUMMARY, {}, officer)).body.data.region.assessmentSummary.assessments).toBe(before + 1);
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
    expect(code(await graph.query(SUBMIT, { t: template.id, s: station, kind: 'ROUTINE', scores }, await graph.token(['DISTRICT_OFFICER'], '350105')))).toBe(
      'FORBIDDEN',
    );
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
    expect(grades.length).toBeGreaterThan(0);
    for (const grade of grades) expect(['3A', '4A', '5A']).toContain(grade);
  });

  // Each kind of subject is checked with the subgraph that owns it, through the real gateway.
  const SUBJECTS = [
    [
      'VETERAN_TEAM',
      'VETERAN_TEAM_EVALUATION',
      'veteran-volunteers',
      `{ veteranTeams(regionCode: "350504", first: 1) { edges { node { id } } } }`,
      (data: any) => data.veteranTeams.edges[0].node.id,
      randomUUID,
    ],
    [
      'ORGANIZATION',
      'SOCIAL_ORGANIZATION_GRADING',
      'the directory',
      `{ organizations(regionCode: "350504", kind: SOCIAL_WORK_AGENCY, first: 1) { edges { node { id } } } }`,
      (data: any) => data.organizations.edges[0].node.id,
      randomUUID,
    ],
    [
      'REGION',
      'JINCUOBIAN_ELDER_CARE',
      'the directory',
      `{ region(code: "350504") { children { code } } }`,
      (data: any) => data.region.children[0].code,
      () => '350504999',
    ],
  ] as const;
  const SUBMIT_SUBJECT = `mutation ($t: ID!, $type: AssessmentSubjectType!, $s: ID!, $scores: [ItemScoreInput!]!) {
    submitAssessment(templateId: $t, subjectType: $type, subjectId: $s, kind: ROUTINE, scores: $scores) {
      id status subjectType region { code } subject { __typename ... on VeteranTeam { id } ... on Organization { id } ... on Region { code } } } }`;
  it.each(SUBJECTS)(
    'when an officer scores a seeded %s on %s, then %s knows it and it is stored; an unknown one is NOT_FOUND and nothing is stored',
    async (type, formCode, _owner, find, idOf, madeUp) => {
      const forms = (await graph.query(`{ assessmentTemplates { id code items { id maxScore } } }`)).body.data.assessmentTemplates;
      const form = forms.find((t: any) => t.code === formCode);
      const scores = form.items.map((item: any) => ({ itemId: item.id, score: item.maxScore * 0.8, evidence: '台账抽查' }));
      const found = await graph.query(find, {}, officer);
      expect(found.body.errors).toBeUndefined();
      const subjectId = idOf(found.body.data);

      const before = await count();
      const unknown = await graph.query(SUBMIT_SUBJECT, { t: form.id, type, s: madeUp(), scores }, officer);
      expect(code(unknown)).toBe('NOT_FOUND');
      expect(await count()).toBe(before);

      const submitted = await graph.query(SUBMIT_SUBJECT, { t: form.id, type, s: subjectId, scores }, officer);
      expect(submitted.body.errors).toBeUndefined();
      const assessment = submitted.body.data.submitAssessment;
      expect(assessment).toMatchObject({ status: 'SUBMITTED', subjectType: type });
      expect(assessment.subject.id ?? assessment.subject.code).toBe(subjectId);
      expect(assessment.region.code.startsWith('350504')).toBe(true);
      expect(await count()).toBe(before + 1);
    },
  );

  it('when a pilot community is read through the gateway, then its own assessments are listed for its officer and hidden from the public', async () => {
    const form = (await graph.query(`{ assessmentTemplates { id code items { id maxScore } } }`)).body.data.assessmentTemplates.find(
      (t: any) => t.code === 'JINCUOBIAN_ELDER_CARE',
    );
    const scores = form.items.map((item: any) => ({ itemId: item.id, score: item.maxScore * 0.9, evidence: '入户走访' }));
    const community = (await graph.query(`{ region(code: "350504") { children { children { code } } } }`)).body.data.region.children[0].children[0].code;
    const submitted = await graph.query(SUBMIT_SUBJECT, { t: form.id, type: 'REGION', s: community, scores }, officer);
    expect(submitted.body.errors).toBeUndefined();
    const READ = `query ($code: ID!) { region(code: $code) { name assessments { id subject { ... on Region { code name } } } } }`;
    const read = await graph.query(READ, { code: community }, officer);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.region.assessments).toContainEqual({
      id: submitted.body.data.submitAssessment.id,
      subject: { code: community, name: read.body.data.region.name },
    });
    expect((await graph.query(READ, { code: community })).body.data.region.assessments).toEqual([]);
  });

  it("when a seeded STATION_MANAGER of 洛阳桥驿站 reads it, then its assessments' details show (from neighbour-stations' managedByCaller); another manager sees none", async () => {
    const [station] = await graph.db('neighbour-stations').query(
      `SELECT s.id, s.region_code AS "regionCode", m.person_id AS "managerId"
       FROM neighbour_stations.station s JOIN neighbour_stations.station_manager m ON m.station_id = s.id
       WHERE s.name = '洛阳桥驿站' ORDER BY m.person_id LIMIT 1`,
    );
    expect(station).toBeDefined();
    const READ = `query ($id: ID!) { station(id: $id) { managedByCaller assessments { id totalScore } certifications { certifiedBy { id } } } }`;
    const own = await graph.token(['STATION_MANAGER'], station.regionCode, station.managerId);
    const asManager = await graph.query(READ, { id: station.id }, own);
    expect(asManager.body.errors).toBeUndefined();
    expect(asManager.body.data.station.managedByCaller).toBe(true);
    expect(asManager.body.data.station.assessments.length).toBeGreaterThan(0);
    // What the officer over the station reads, no more and no less.
    const asOfficer = await graph.query(READ, { id: station.id }, officer);
    expect(asManager.body.data.station.assessments).toEqual(asOfficer.body.data.station.assessments);
    expect(asManager.body.data.station.certifications).toEqual(asOfficer.body.data.station.certifications);
    expect(asManager.body.data.station.certifications.some((c: any) => c.certifiedBy !== null)).toBe(true);

    const stranger = await graph.token(['STATION_MANAGER'], station.regionCode, randomUUID());
    const asStranger = await graph.query(READ, { id: station.id }, stranger);
    expect(asStranger.body.errors).toBeUndefined();
    expect(asStranger.body.data.station).toMatchObject({ managedByCaller: false, assessments: [] });
    expect(asStranger.body.data.station.certifications.every((c: any) => c.certifiedBy === null)).toBe(true);

    // A station reached from the assessments subgraph (a ranking) gets managedByCaller from neighbour-stations too.
    const RANKED = `query ($code: ID!) { region(code: $code) { assessmentRanking(unit: STATION, first: 100) { station { id assessments { id } } } } }`;
    const ranked = async (token: string) =>
      (await graph.query(RANKED, { code: station.regionCode }, token)).body.data.region.assessmentRanking.find((r: any) => r.station.id === station.id).station;
    expect((await ranked(own)).assessments.length).toBe(asManager.body.data.station.assessments.length);
    expect((await ranked(stranger)).assessments).toEqual([]);
    // Reading, never writing: the manager still may not score its own station.
    const scores = template.items.map((item) => ({ itemId: item.id, score: item.maxScore }));
    const before = await count();
    expect(code(await graph.query(SUBMIT, { t: template.id, s: station.id, kind: 'ROUTINE', scores }, own))).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });
});
