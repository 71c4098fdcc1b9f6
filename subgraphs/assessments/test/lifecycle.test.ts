import { randomUUID } from 'node:crypto';
import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { assessments } from '../src/module';
import { ASSESSMENT, codeOf, DRAFT, FakeGateway, FINALIZE, footprint, form, Form, officer, scoresAt, startFakeGateway, SUBMIT } from './arrange';

const SCORE_DRAFT = `mutation ($id: ID!, $scores: [ItemScoreInput!]!) { scoreAssessmentDraft(id: $id, scores: $scores) { ${ASSESSMENT} } }`;
const SUBMIT_DRAFT = `mutation ($id: ID!) { submitAssessmentDraft(id: $id) { ${ASSESSMENT} } }`;
const CORRECT = `mutation ($id: ID!, $item: ID!, $score: Float!, $evidence: String, $reason: String!) {
  correctAssessmentScore(id: $id, itemId: $item, score: $score, evidence: $evidence, reason: $reason) { ${ASSESSMENT} } }`;
const PUBLISH = `mutation ($code: String!, $type: AssessmentSubjectType!, $categories: [AssessmentCategoryInput!]!, $threshold: Float) {
  publishAssessmentTemplate(code: $code, name: "志愿服务驿站考评（2027版）", subjectType: $type, categories: $categories, certificationThreshold: $threshold,
    grades: [{ grade: "合格", minScore: 60 }]) { id code version current itemCount maxScore categories { name maxScore } } }`;

describe('the lifecycle: DRAFT → SUBMITTED → FINAL, and corrections', () => {
  let gateway: FakeGateway;
  let graph: SubgraphHarness;
  let station: Form;
  const luojiang = officer('350504');
  beforeAll(async () => {
    gateway = await startFakeGateway();
    graph = await startSubgraphHarness(assessments, gateway.url);
    station = await form(graph.db, 'STATION_EVALUATION');
  });
  afterAll(async () => {
    await graph.stop();
    await gateway.stop();
  });
  const newStation = () => gateway.add('station', '350504101220');
  async function submitted(share = 0.8): Promise<any> {
    const { body } = await graph.query(
      SUBMIT,
      { t: station.id, type: 'STATION', s: newStation(), kind: 'ROUTINE', scores: scoresAt(station, share) },
      luojiang,
    );
    return body.data.submitAssessment;
  }

  it('when a draft is scored in parts and submitted, then it counts only once submitted and its total covers every item', async () => {
    const scores = scoresAt(station, 0.9);
    const { body } = await graph.query(
      DRAFT,
      { t: station.id, type: 'STATION', s: newStation(), kind: 'UNANNOUNCED_VISIT', scores: scores.slice(0, 3) },
      luojiang,
    );
    const draft = body.data.draftAssessment;
    expect(draft).toMatchObject({ status: 'DRAFT', grade: null, kind: 'UNANNOUNCED_VISIT' });
    expect(draft.scores).toHaveLength(3);

    expect(codeOf((await graph.query(SUBMIT_DRAFT, { id: draft.id }, luojiang)).body)).toBe('BAD_USER_INPUT'); // items missing
    const rescored = (await graph.query(SCORE_DRAFT, { id: draft.id, scores: scores.slice(3) }, luojiang)).body.data.scoreAssessmentDraft;
    expect(rescored.scores).toHaveLength(7);
    const sub = (await graph.query(SUBMIT_DRAFT, { id: draft.id }, luojiang)).body.data.submitAssessmentDraft;
    expect(sub).toMatchObject({ status: 'SUBMITTED', totalScore: 90, grade: '优秀' });
    // Repeating the step returns the assessment unchanged.
    expect((await graph.query(SUBMIT_DRAFT, { id: draft.id }, luojiang)).body.data.submitAssessmentDraft).toEqual(sub);
    expect(codeOf((await graph.query(SCORE_DRAFT, { id: draft.id, scores: scores.slice(0, 1) }, luojiang)).body)).toBe('CONFLICT');
  });

  it('when a submitted score is corrected, then the correction is recorded beside the original and the total follows it', async () => {
    const a = await submitted(0.8); // every indicator 8 of 10: total 80
    const item = station.items[3]; // 群众满意度, weight 2
    const { body } = await graph.query(
      CORRECT,
      { id: a.id, item: item.id, score: 6, evidence: '回访记录复核', reason: '满意度问卷样本不足' },
      officer('350504'),
    );
    expect(body.errors).toBeUndefined();
    const corrected = body.data.correctAssessmentScore;
    expect(corrected.totalScore).toBe(76);
    expect(corrected.scores[3]).toEqual({ item: { id: item.id, name: '群众满意度' }, score: 6, evidence: '回访记录复核', originalScore: 8, corrected: true });
    expect(corrected.corrections).toEqual([
      { item: { id: item.id }, previousScore: 8, score: 6, evidence: '回访记录复核', reason: '满意度问卷样本不足', correctedBy: { id: expect.any(String) } },
    ]);
    const [original] = await graph.db.query(`SELECT score::float8 AS score FROM assessments.assessment_score WHERE assessment_id = $1 AND item_id = $2`, [
      a.id,
      item.id,
    ]);
    expect(original.score).toBe(8);

    // A second correction is recorded too; the same correction repeated is not.
    await graph.query(CORRECT, { id: a.id, item: item.id, score: 7, reason: '复核后调整' }, luojiang);
    const again = await graph.query(CORRECT, { id: a.id, item: item.id, score: 7, reason: '复核后调整' }, luojiang);
    expect(again.body.data.correctAssessmentScore.corrections.map((c: any) => [c.previousScore, c.score])).toEqual([
      [8, 6],
      [6, 7],
    ]);
    expect(again.body.data.correctAssessmentScore.totalScore).toBe(78);
  });

  it('when a correction is bad or comes too early or too late, then it is refused and nothing is stored', async () => {
    const a = await submitted();
    const item = station.items[0];
    const cases: [Record<string, unknown>, string][] = [
      [{ id: a.id, item: item.id, score: 11, reason: '复核' }, 'BAD_USER_INPUT'],
      [{ id: a.id, item: item.id, score: -0.5, reason: '复核' }, 'BAD_USER_INPUT'],
      [{ id: a.id, item: randomUUID(), score: 5, reason: '复核' }, 'BAD_USER_INPUT'],
      [{ id: a.id, item: item.id, score: 5, reason: '   ' }, 'BAD_USER_INPUT'],
      [{ id: randomUUID(), item: item.id, score: 5, reason: '复核' }, 'NOT_FOUND'],
    ];
    const before = await footprint(graph.db);
    for (const [vars, code] of cases) expect(codeOf((await graph.query(CORRECT, vars, luojiang)).body)).toBe(code);
    expect(codeOf((await graph.query(CORRECT, { id: a.id, item: item.id, score: 5, reason: '复核' }, officer('350105'))).body)).toBe('FORBIDDEN');
    expect(await footprint(graph.db)).toEqual(before);

    const final = (await graph.query(FINALIZE, { id: a.id }, luojiang)).body.data.finalizeAssessment;
    expect(final.status).toBe('FINAL');
    expect(codeOf((await graph.query(CORRECT, { id: a.id, item: item.id, score: 5, reason: '复核' }, luojiang)).body)).toBe('CONFLICT');
    const { body } = await graph.query(DRAFT, { t: station.id, type: 'STATION', s: newStation(), kind: 'ROUTINE', scores: [] }, luojiang);
    expect(codeOf((await graph.query(CORRECT, { id: body.data.draftAssessment.id, item: item.id, score: 5, reason: '复核' }, luojiang)).body)).toBe('CONFLICT');
    expect(codeOf((await graph.query(FINALIZE, { id: body.data.draftAssessment.id }, luojiang)).body)).toBe('CONFLICT');
  });

  it('when a 金厝边 pilot is made final, then it earns the bonus points its total reaches', async () => {
    const jincuobian = await form(graph.db, 'JINCUOBIAN_ELDER_CARE');
    const pilots = [];
    for (const share of [0.95, 0.85, 0.7]) {
      const community = gateway.add('region', `35010500100${pilots.length + 1}`);
      const { body } = await graph.query(
        SUBMIT,
        { t: jincuobian.id, type: 'REGION', s: community, kind: 'ROUTINE', scores: scoresAt(jincuobian, share) },
        officer('350105'),
      );
      expect(body.data.submitAssessment.bonusPoints).toBe(0);
      const final = (await graph.query(FINALIZE, { id: body.data.submitAssessment.id }, officer('350105'))).body.data.finalizeAssessment;
      pilots.push(final.bonusPoints);
    }
    expect(pilots).toEqual([2, 1, 0]);
    const { body } = await graph.query(
      `{ _entities(representations: [{ __typename: "Region", code: "350105" }]) { ... on Region { assessmentSummary { finalAssessments bonusPoints } } } }`,
      {},
      EXACT_FIGURES,
    );
    expect(body.data._entities[0].assessmentSummary).toEqual({ finalAssessments: 3, bonusPoints: 3 });
  });

  it('when a new version of a form is published, then old assessments keep their version and new ones must use the new one', async () => {
    const old = await submitted();
    const categories = [
      {
        name: '服务',
        items: [
          { name: '群众满意度', guidance: '回访', maxScore: 50 },
          { name: '活动', guidance: '记录', maxScore: 25, weight: 2 },
        ],
      },
    ];
    expect(codeOf((await graph.query(PUBLISH, { code: 'STATION_EVALUATION', type: 'STATION', categories, threshold: 85 }, luojiang)).body)).toBe('FORBIDDEN');
    const { body } = await graph.query(
      PUBLISH,
      { code: 'STATION_EVALUATION', type: 'STATION', categories, threshold: 85 },
      { sub: randomUUID(), roles: ['CITY_ADMIN'], region: null },
    );
    expect(body.data.publishAssessmentTemplate).toMatchObject({ code: 'STATION_EVALUATION', version: 2, current: true, itemCount: 2, maxScore: 100 });

    const kept = await graph.query(
      `query ($id: ID!) { assessment(id: $id) { template { version current itemCount } scores { item { name } } } }`,
      { id: old.id },
      luojiang,
    );
    expect(kept.body.data.assessment).toMatchObject({ template: { version: 1, current: false, itemCount: 7 } });
    expect(kept.body.data.assessment.scores).toHaveLength(7);
    const onOld = await graph.query(SUBMIT, { t: station.id, type: 'STATION', s: newStation(), kind: 'ROUTINE', scores: scoresAt(station, 0.8) }, luojiang);
    expect(codeOf(onOld.body)).toBe('BAD_USER_INPUT');
    const templates = await graph.query(`{ assessmentTemplates { code version } all: assessmentTemplates(includeSuperseded: true) { code version } }`);
    expect(templates.body.data.assessmentTemplates.filter((t: any) => t.code === 'STATION_EVALUATION')).toEqual([{ code: 'STATION_EVALUATION', version: 2 }]);
    expect(templates.body.data.all.filter((t: any) => t.code === 'STATION_EVALUATION')).toHaveLength(2);
  });

  it('when an organisation is made final on a form without grades, then the grade its grading gave still stands', async () => {
    const grading = await form(graph.db, 'SOCIAL_ORGANIZATION_GRADING');
    const org = gateway.add('organization', '350504001001');
    const final = async (templateId: string, scores: unknown) => {
      const { body } = await graph.query(SUBMIT, { t: templateId, type: 'ORGANIZATION', s: org, kind: 'ROUTINE', scores }, luojiang);
      expect(body.errors).toBeUndefined();
      expect((await graph.query(FINALIZE, { id: body.data.submitAssessment.id }, luojiang)).body.data.finalizeAssessment.status).toBe('FINAL');
    };
    const grade = async () =>
      (
        await graph.query(`query ($id: ID!) { _entities(representations: [{ __typename: "Organization", id: $id }]) { ... on Organization { grade } } }`, {
          id: org,
        })
      ).body.data._entities[0].grade;
    await final(grading.id, scoresAt(grading, 0.75));
    expect(await grade()).toBe('3A');

    const publish = `mutation ($categories: [AssessmentCategoryInput!]!) {
      publishAssessmentTemplate(code: "ORG_INSPECTION", name: "社会组织年检", subjectType: ORGANIZATION, categories: $categories) { id grades { grade } } }`;
    const categories = [{ name: '年检', items: [{ name: '台账', guidance: '查台账', maxScore: 10 }] }];
    const published = await graph.query(publish, { categories }, { sub: randomUUID(), roles: ['CITY_ADMIN'], region: null });
    expect(published.body.data.publishAssessmentTemplate.grades).toEqual([]);
    const inspection = await form(graph.db, 'ORG_INSPECTION');
    await final(inspection.id, scoresAt(inspection, 0.5));
    expect(await grade()).toBe('3A');

    // A later grading that reaches no grade does take it away.
    await final(grading.id, scoresAt(grading, 0.5));
    expect(await grade()).toBeNull();
  });
});
