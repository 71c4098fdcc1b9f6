import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { assessments } from '../src/module';
import {
  anonymous,
  analyst,
  codeOf,
  expectedTotal,
  FakeGateway,
  footprint,
  form,
  Form,
  officer,
  scoresAt,
  startFakeGateway,
  SUBMIT,
  volunteer,
} from './arrange';

describe('submitting an assessment', () => {
  let gateway: FakeGateway;
  let graph: SubgraphHarness;
  let station: Form;
  let jincuobian: Form;
  let grading: Form;
  let teamForm: Form;
  const luojiang = officer('350504');
  beforeAll(async () => {
    gateway = await startFakeGateway();
    graph = await startSubgraphHarness(assessments, gateway.url);
    station = await form(graph.db, 'STATION_EVALUATION');
    jincuobian = await form(graph.db, 'JINCUOBIAN_ELDER_CARE');
    grading = await form(graph.db, 'SOCIAL_ORGANIZATION_GRADING');
    teamForm = await form(graph.db, 'VETERAN_TEAM_EVALUATION');
  });
  afterAll(async () => {
    await graph.stop();
    await gateway.stop();
  });

  const submit = (vars: Record<string, unknown>, who = luojiang) =>
    graph.query(SUBMIT, { kind: 'ROUTINE', type: 'STATION', t: station.id, period: '2026-Q1', ...vars }, who);

  it('when an officer scores a station on the 7 indicators, then the weighted total and grade are computed and stored with the evidence', async () => {
    const stationId = gateway.add('station', '350504001002');
    const scores = station.items.map((item, i) => ({ itemId: item.id, score: [9, 8.5, 10, 9.5, 9, 8, 7][i], evidence: `台账：${item.name}` }));
    const { body } = await submit({ s: stationId, scores });
    expect(body.errors).toBeUndefined();
    const a = body.data.submitAssessment;
    // 9×1.5 + 8.5×1.5 + 10×1 + 9.5×2 + 9×2 + 8×1 + 7×1, in the template's item order
    expect(a.totalScore).toBe(expectedTotal(station, scores));
    expect(a).toMatchObject({
      status: 'SUBMITTED',
      kind: 'ROUTINE',
      period: '2026-Q1',
      subjectType: 'STATION',
      grade: a.totalScore >= 90 ? '优秀' : '良好',
      passed: a.totalScore >= 85,
      bonusPoints: 0,
      region: { code: '350504001002' },
      assessor: { id: luojiang.sub },
      subject: { __typename: 'Station', id: stationId },
      template: { id: station.id, code: 'STATION_EVALUATION', version: 1 },
    });
    expect(a.scores.map((s: any) => [s.item.id, s.score, s.evidence, s.corrected])).toEqual(scores.map((s) => [s.itemId, s.score, s.evidence, false]));
    const [row] = await graph.db.query(`SELECT total_score::float8 AS total, grade, assessor_id FROM assessments.assessment WHERE id = $1`, [a.id]);
    expect(row).toEqual({ total: a.totalScore, grade: a.grade, assessor_id: luojiang.sub });
  });

  it('when the 金厝边 form scores a pilot community, then all 18 items count towards 100 points', async () => {
    const community = gateway.add('region', '350105001004');
    const { body } = await submit({ t: jincuobian.id, type: 'REGION', s: community, scores: scoresAt(jincuobian, 0.9) }, officer('3501'));
    expect(body.errors).toBeUndefined();
    expect(jincuobian.items).toHaveLength(18);
    expect(body.data.submitAssessment).toMatchObject({
      totalScore: expectedTotal(jincuobian, scoresAt(jincuobian, 0.9)),
      subject: { __typename: 'Region', code: community },
    });
  });

  it('when a pilot community is read as a Region, then its own assessments are listed for those who may read them and empty for others', async () => {
    const community = gateway.add('region', '350105001003');
    const fuzhou = officer('3501');
    const { body } = await submit({ t: jincuobian.id, type: 'REGION', s: community, scores: scoresAt(jincuobian, 0.8) }, fuzhou);
    const id = body.data.submitAssessment.id;
    // A station in the community is not the community's own assessment.
    const stationInside = gateway.add('station', '350105001003');
    await submit({ s: stationInside, scores: scoresAt(station, 0.8) }, fuzhou);
    const read = async (who: Parameters<typeof submit>[1], code = community) =>
      (
        await graph.query(
          `query ($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { assessments { id subjectType subject { ... on Region { code } } } } } }`,
          { code },
          who,
        )
      ).body.data._entities[0].assessments;
    const listed = [{ id, subjectType: 'REGION', subject: { code: community } }];
    expect(await read(fuzhou)).toEqual(listed);
    expect(await read(officer('350105001'))).toEqual(listed);
    expect(await read(analyst())).toEqual(listed);
    expect(await read(anonymous)).toEqual([]);
    expect(await read(volunteer())).toEqual([]);
    expect(await read(officer('350504'))).toEqual([]);
    expect(await read(fuzhou, '350105001')).toEqual([]);
  });

  it('when organisations are graded, then 90+ is 5A, 80+ 4A, 70+ 3A and below that no grade', async () => {
    const grades = [];
    for (const share of [0.95, 0.85, 0.75, 0.5]) {
      const org = gateway.add('organization', '350504001001');
      const { body } = await submit({ t: grading.id, type: 'ORGANIZATION', s: org, scores: scoresAt(grading, share) });
      grades.push(body.data.submitAssessment.grade);
    }
    expect(grades).toEqual(['5A', '4A', '3A', null]);
  });

  it('when a veteran team is scored on its form, then the assessment is of the VeteranTeam', async () => {
    const team = gateway.add('veteranTeam', '350105102227');
    const { body } = await submit({ t: teamForm.id, type: 'VETERAN_TEAM', s: team, scores: scoresAt(teamForm, 0.8) }, officer('350105'));
    expect(body.data.submitAssessment).toMatchObject({ subject: { __typename: 'VeteranTeam', id: team }, totalScore: 80, grade: '良好' });
  });

  it('when the same submission is retried with its idempotency key, then one assessment is stored', async () => {
    const stationId = gateway.add('station', '350504001002');
    const before = await footprint(graph.db);
    const vars = { s: stationId, scores: scoresAt(station, 0.8), key: 'visit-2026-03-01' };
    const first = await submit(vars);
    const again = await submit(vars);
    expect(again.body.data.submitAssessment.id).toBe(first.body.data.submitAssessment.id);
    expect((await footprint(graph.db)).assessments).toBe(before.assessments + 1);
  });

  describe('refusals store nothing', () => {
    let stationId: string;
    beforeAll(() => {
      stationId = gateway.add('station', '350504001002');
    });
    const refusals: [string, string, () => Record<string, unknown>][] = [
      ['a score above its maximum', 'BAD_USER_INPUT', () => ({ scores: scoresAt(station, 1).map((s, i) => (i === 0 ? { ...s, score: 10.5 } : s)) })],
      ['a score below 0', 'BAD_USER_INPUT', () => ({ scores: scoresAt(station, 1).map((s, i) => (i === 3 ? { ...s, score: -1 } : s)) })],
      ['a score with more than two decimals', 'BAD_USER_INPUT', () => ({ scores: scoresAt(station, 1).map((s, i) => (i === 3 ? { ...s, score: 5.125 } : s)) })],
      ['a missing item', 'BAD_USER_INPUT', () => ({ scores: scoresAt(station, 1).slice(1) })],
      ['an unknown item', 'BAD_USER_INPUT', () => ({ scores: [...scoresAt(station, 1).slice(1), { itemId: randomUUID(), score: 5 }] })],
      ['an item of another template', 'BAD_USER_INPUT', () => ({ scores: [...scoresAt(station, 1).slice(1), { itemId: grading.items[0].id, score: 5 }] })],
      ['an item scored twice', 'BAD_USER_INPUT', () => ({ scores: [...scoresAt(station, 1), scoresAt(station, 1)[0]] })],
      ['a template for another kind of subject', 'BAD_USER_INPUT', () => ({ t: grading.id, scores: scoresAt(grading, 1) })],
      ['an unknown template', 'NOT_FOUND', () => ({ t: randomUUID() })],
      ['an unknown station', 'NOT_FOUND', () => ({ s: randomUUID() })],
      ['a station id that is not an id', 'BAD_USER_INPUT', () => ({ s: 'station-1' })],
      ['a region code that is not one', 'BAD_USER_INPUT', () => ({ t: jincuobian.id, type: 'REGION', s: '35050', scores: scoresAt(jincuobian, 1) })],
      ['an unknown region', 'NOT_FOUND', () => ({ t: jincuobian.id, type: 'REGION', s: '350599001001', scores: scoresAt(jincuobian, 1) })],
      ['a malformed period', 'BAD_USER_INPUT', () => ({ period: '2026-Q5' })],
    ];
    it.each(refusals)('when the submission has %s, then %s and nothing is stored', async (_, code, vars) => {
      const before = await footprint(graph.db);
      const { body } = await submit({ s: stationId, scores: scoresAt(station, 0.9), ...vars() });
      expect(codeOf(body)).toBe(code);
      expect(body.data).toBeNull();
      expect(await footprint(graph.db)).toEqual(before);
    });

    it('when bad scores are sent, then the owning subgraph is not even asked about the subject', async () => {
      const asked = gateway.asked.length;
      await submit({ s: stationId, scores: scoresAt(station, 1).map((s) => ({ ...s, score: 11 })) });
      expect(gateway.asked.length).toBe(asked);
    });

    it('when an organisation has no region, then BAD_USER_INPUT and nothing is stored', async () => {
      const org = gateway.add('organization', null);
      const before = await footprint(graph.db);
      const { body } = await submit({ t: grading.id, type: 'ORGANIZATION', s: org, scores: scoresAt(grading, 1) });
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(await footprint(graph.db)).toEqual(before);
    });

    it.each([
      ['anonymous', 'UNAUTHENTICATED', anonymous],
      ['a volunteer', 'FORBIDDEN', volunteer()],
      ['an analyst (read-only)', 'FORBIDDEN', analyst()],
      ['an officer of another district', 'FORBIDDEN', officer('350105')],
    ] as const)('when %s submits, then %s and nothing is stored', async (_, code, who) => {
      const before = await footprint(graph.db);
      const { body } = await submit({ s: stationId, scores: scoresAt(station, 0.9) }, who);
      expect(codeOf(body)).toBe(code);
      expect(await footprint(graph.db)).toEqual(before);
    });

    it('when the graph cannot be asked about the subject, then SERVICE_UNAVAILABLE and nothing is stored', async () => {
      const before = await footprint(graph.db);
      gateway.setDown(true);
      try {
        const { body } = await submit({ s: stationId, scores: scoresAt(station, 0.9) });
        expect(codeOf(body)).toBe('SERVICE_UNAVAILABLE');
      } finally {
        gateway.setDown(false);
      }
      expect(await footprint(graph.db)).toEqual(before);
    });
  });
});
