import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { assessments } from '../src/module';
import { analyst, anonymous, codeOf, FakeGateway, FINALIZE, footprint, form, Form, officer, scoresAt, startFakeGateway, SUBMIT, volunteer } from './arrange';

const STATION = `query ($id: ID!) { _entities(representations: [{ __typename: "Station", id: $id }]) { ... on Station {
  certified latestScore certifications { certifiedAt suspendedAt certifiedBy { id } suspendedBy { id kind } } assessments { id status } } } }`;
const PLAN = `query ($region: ID!, $count: Int!, $seed: Int!) { spotCheckPlan(regionCode: $region, count: $count, seed: $seed) { id } }`;

describe('certification (授牌), suspension after a failed check, and spot-check plans', () => {
  let gateway: FakeGateway;
  let graph: SubgraphHarness;
  let form7: Form;
  const luojiang = officer('350504');
  beforeAll(async () => {
    gateway = await startFakeGateway();
    graph = await startSubgraphHarness(assessments, gateway.url);
    form7 = await form(graph.db, 'STATION_EVALUATION');
  });
  afterAll(async () => {
    await graph.stop();
    await gateway.stop();
  });

  async function assessed(stationId: string, kind: string, share: number, finalize = true) {
    const { body } = await graph.query(SUBMIT, { t: form7.id, type: 'STATION', s: stationId, kind, scores: scoresAt(form7, share) }, luojiang);
    const id = body.data.submitAssessment.id;
    if (finalize) expect((await graph.query(FINALIZE, { id }, luojiang)).body.data.finalizeAssessment.status).toBe('FINAL');
    return id as string;
  }
  const stationView = async (id: string, who = luojiang) => (await graph.query(STATION, { id }, who)).body.data._entities[0];

  it('when a final evaluation reaches the threshold, then the station is certified; a submitted one or one below it does not certify', async () => {
    const good = gateway.add('station', '350504001002');
    const weak = gateway.add('station', '350504001001');
    await assessed(good, 'ROUTINE', 0.9, false);
    expect(await stationView(good)).toMatchObject({ certified: false, latestScore: 90, certifications: [] });
    const certifying = await assessed(good, 'ROUTINE', 0.85);
    await assessed(weak, 'ROUTINE', 0.8);
    const view = await stationView(good);
    expect(view).toMatchObject({
      certified: true,
      latestScore: 85,
      certifications: [{ suspendedAt: null, certifiedBy: { id: certifying }, suspendedBy: null }],
    });
    expect(await stationView(weak)).toMatchObject({ certified: false, latestScore: 80 });
    // Finalising again changes nothing: still one plaque.
    await graph.query(FINALIZE, { id: certifying }, luojiang);
    expect((await stationView(good)).certifications).toHaveLength(1);
  });

  it('when a certified station fails a spot check, then its plaque is suspended and kept as history; a passed check or a weak routine one keeps it', async () => {
    const station = gateway.add('station', '350504101211');
    await assessed(station, 'ROUTINE', 0.9);
    await assessed(station, 'SPOT_CHECK', 0.9);
    await assessed(station, 'ROUTINE', 0.6);
    expect((await stationView(station)).certified).toBe(true);

    const failed = await assessed(station, 'UNANNOUNCED_VISIT', 0.7);
    const view = await stationView(station);
    expect(view.certified).toBe(false);
    expect(view.certifications).toEqual([expect.objectContaining({ suspendedAt: expect.any(String), suspendedBy: { id: failed, kind: 'UNANNOUNCED_VISIT' } })]);
    // Certified again by a later evaluation: both plaques in the history, newest first.
    await assessed(station, 'ROUTINE', 0.95);
    const again = await stationView(station);
    expect(again.certified).toBe(true);
    expect(again.certifications.map((c: any) => c.suspendedAt === null)).toEqual([true, false]);
    const { body } = await graph.query(
      `{ _entities(representations: [{ __typename: "StationStats", regionCode: "350504101211" }]) { ... on StationStats { certified } } }`,
      {},
      EXACT_FIGURES,
    );
    expect(body.data._entities[0].certified).toBe(1);
  });

  it('when a station without a plaque passes a spot check or an unannounced visit, then it is not certified; a routine evaluation then certifies it', async () => {
    const station = gateway.add('station', '350504001002');
    const before = await footprint(graph.db);
    await assessed(station, 'SPOT_CHECK', 0.95);
    await assessed(station, 'UNANNOUNCED_VISIT', 0.9);
    expect(await stationView(station)).toMatchObject({ certified: false, latestScore: 90, certifications: [] });
    expect((await footprint(graph.db)).certifications).toBe(before.certifications);
    const evaluation = await assessed(station, 'ROUTINE', 0.9);
    expect((await stationView(station)).certifications).toEqual([expect.objectContaining({ certifiedBy: { id: evaluation }, suspendedAt: null })]);
  });

  it('when anyone reads a station, then the plaque and latest score are public but its assessments are for the roles that may read them', async () => {
    const station = gateway.add('station', '350504002001');
    const id = await assessed(station, 'ROUTINE', 0.9);
    const publicView = await stationView(station, anonymous);
    expect(publicView).toMatchObject({ certified: true, latestScore: 90, assessments: [], certifications: [{ certifiedBy: null }] });
    expect((await stationView(station, volunteer())).assessments).toEqual([]);
    expect((await stationView(station, officer('350105'))).assessments).toEqual([]);
    expect((await stationView(station, analyst())).assessments).toEqual([{ id, status: 'FINAL' }]);
    expect((await stationView(station, officer('350504002'))).assessments).toEqual([{ id, status: 'FINAL' }]);

    const byId = `query ($id: ID!) { assessment(id: $id) { id totalScore } }`;
    const entity = `query ($id: ID!) { _entities(representations: [{ __typename: "Assessment", id: $id }]) { ... on Assessment { id totalScore } } }`;
    expect((await graph.query(byId, { id }, anonymous)).body.data.assessment).toBeNull();
    expect((await graph.query(entity, { id }, anonymous)).body.data._entities).toEqual([null]);
    expect((await graph.query(entity, { id }, officer('350105'))).body.data._entities).toEqual([null]);
    expect((await graph.query(byId, { id }, analyst())).body.data.assessment).toEqual({ id, totalScore: 90 });
    expect((await graph.query(entity, { id }, luojiang)).body.data._entities).toEqual([{ id, totalScore: 90 }]);
  });

  it('when a spot check is planned with a seed, then the same seed picks the same certified stations and another seed may differ', async () => {
    const certified: string[] = [];
    for (let i = 0; i < 8; i++) {
      const station = gateway.add('station', `35050410200${i}`);
      await assessed(station, 'ROUTINE', i < 6 ? 0.9 : 0.5);
      if (i < 6) certified.push(station);
    }
    const plan = async (seed: number, count = 3) =>
      (await graph.query(PLAN, { region: '350504102', count, seed }, luojiang)).body.data.spotCheckPlan.map((s: any) => s.id);
    const first = await plan(20261123);
    expect(first).toHaveLength(3);
    expect(new Set(first).size).toBe(3);
    for (const id of first) expect(certified).toContain(id);
    expect(await plan(20261123)).toEqual(first);
    const seeds = await Promise.all([1, 2, 3, 4, 5].map((seed) => plan(seed)));
    expect(seeds.some((picked) => JSON.stringify(picked) !== JSON.stringify(first))).toBe(true);
    expect((await plan(7, 50)).sort()).toEqual([...certified].sort());
  });

  it('when someone other than an officer over the region plans spot checks, or the count is out of range, then it is refused', async () => {
    const before = await footprint(graph.db);
    expect(codeOf((await graph.query(PLAN, { region: '350504', count: 3, seed: 1 }, anonymous)).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await graph.query(PLAN, { region: '350504', count: 3, seed: 1 }, analyst())).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(PLAN, { region: '350504', count: 3, seed: 1 }, officer('350105'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(PLAN, { region: '350504', count: 0, seed: 1 }, luojiang)).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await graph.query(PLAN, { region: '35050', count: 3, seed: 1 }, luojiang)).body)).toBe('BAD_USER_INPUT');
    expect(await footprint(graph.db)).toEqual(before);
  });

  it('when stations and districts are ranked, then the best comes first and ties share a rank', async () => {
    const { body } = await graph.query(`{ _entities(representations: [{ __typename: "Region", code: "350504" }]) { ... on Region {
      stations: assessmentRanking(unit: STATION, first: 100) { rank score station { id } region { code } }
      streets: assessmentRanking(unit: STREET) { rank score assessments region { code } } } } }`);
    const { stations, streets } = body.data._entities[0];
    const scores = stations.map((s: any) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(stations[0]).toMatchObject({ rank: 1, region: null });
    for (const s of stations) expect(s.rank).toBe(scores.indexOf(s.score) + 1);
    expect(streets.map((s: any) => s.region.code).sort()).toEqual(['350504001', '350504002', '350504101', '350504102']);
    const city = await graph.query(
      `{ _entities(representations: [{ __typename: "Region", code: "3505" }]) { ... on Region { assessmentRanking(unit: DISTRICT) { rank region { code } } } } }`,
    );
    expect(city.body.data._entities[0].assessmentRanking).toEqual([{ rank: 1, region: { code: '350504' } }]);
    const bad = await graph.query(
      `{ _entities(representations: [{ __typename: "Region", code: "350504001" }]) { ... on Region { assessmentRanking(unit: DISTRICT) { rank } } } }`,
    );
    expect(codeOf(bad.body)).toBe('BAD_USER_INPUT');
  });
});
