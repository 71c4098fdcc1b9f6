import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serviceCall, subgraphSecret, type OperationManifest, type RunningService } from '@civic/shared';
import { gatewayBeside, startTestGraph, TestGraph } from './harness';

const ROOT = path.join(__dirname, '..');
const SAFELIST: OperationManifest = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'safelist.json'), 'utf8'));
const registered = (name: string) => SAFELIST.operations.find((o) => o.name === name)!;
// As the file holds it, comments and layout and all: the gateway normalizes before it hashes.
const DASHBOARD = readFileSync(path.join(ROOT, 'schema', 'operations', 'DistrictDashboard.graphql'), 'utf8');
const AD_HOC = '{ region(code: "350105") { name } }';

/**
 * CIVIC_OPERATIONS=safelist (gateway/src/plugins/safelist.ts): only the operations of
 * schema/safelist.json are served, by document or by hash; the graph's own
 * subgraphs still ask their registered questions as themselves.
 */
describe('the operation safelist', () => {
  let graph: TestGraph;
  let open: RunningService;
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  };
  const refusal = (answer: { status: number; body: any }) => ({
    status: answer.status,
    code: answer.body.errors?.[0]?.extensions?.code,
    data: answer.body.data,
  });

  beforeAll(async () => {
    graph = await startTestGraph({ operations: 'safelist' });
    // The same subgraphs behind a gateway in the default mode.
    open = await gatewayBeside(graph, {}, { subgraphTimeoutMs: 5_000 });
  });
  afterAll(async () => {
    await open.stop();
    await graph.stop();
  });

  it('when a dashboard sends a registered operation, in its own layout, then it is served', async () => {
    const answer = await post(graph.url, { query: DASHBOARD, variables: { code: '350105' } });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.region).toMatchObject({ code: '350105', name: '马尾区' });
  });

  it('when it sends only the hash (an automatic persisted query), then the registered document runs', async () => {
    const { id } = registered('DistrictDashboard');
    const byHash = await post(graph.url, { extensions: { persistedQuery: { version: 1, sha256Hash: id } }, variables: { code: '350105' } });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data).toEqual((await post(graph.url, { query: DASHBOARD, variables: { code: '350105' } })).body.data);
    // By GET too, as a CDN-cached dashboard asks (a GET needs a header against cross-site requests).
    const params = new URLSearchParams({
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: id } }),
      variables: JSON.stringify({ code: '350105' }),
    });
    const get = await fetch(`${graph.url}?${params.toString()}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(((await get.json()) as any).data).toEqual(byHash.body.data);
    const unknown = await post(graph.url, { extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } }, variables: {} });
    expect(refusal(unknown)).toEqual({ status: 400, code: 'OPERATION_NOT_SAFELISTED', data: undefined });
  });

  it('when an ad-hoc query is sent, signed in or not, or a registered one changed, then 400 OPERATION_NOT_SAFELISTED', async () => {
    expect(refusal(await post(graph.url, { query: AD_HOC }))).toEqual({ status: 400, code: 'OPERATION_NOT_SAFELISTED', data: undefined });
    const admin = { authorization: `Bearer ${await graph.token(['CITY_ADMIN'], '35')}` };
    expect(refusal(await post(graph.url, { query: AD_HOC }, admin))).toEqual({ status: 400, code: 'OPERATION_NOT_SAFELISTED', data: undefined });
    expect(refusal(await post(graph.url, [{ query: DASHBOARD, variables: { code: '350105' } }]))).toMatchObject({
      status: 400,
      code: 'OPERATION_NOT_SAFELISTED',
    });
    const widened = DASHBOARD.replace('    name\n    level', '    name\n    level\n    parent { code }');
    expect(refusal(await post(graph.url, { query: widened, variables: { code: '350105' } }))).toMatchObject({ status: 400, code: 'OPERATION_NOT_SAFELISTED' });
  });

  it("when a client sends a question registered as a graph service's own, then it is refused as not safelisted", async () => {
    const { body } = registered('PersonOnRecord');
    expect(refusal(await post(graph.url, { query: body, variables: { id: '00000000-0000-4000-8000-000000000000' } }))).toMatchObject({
      status: 400,
      code: 'OPERATION_NOT_SAFELISTED',
    });
    // Nor may one subgraph send another's registered question.
    const sent = { query: registered('CanteenElder').body, variables: { id: '00000000-0000-4000-8000-000000000000' } };
    const asAssessments = serviceCall({ name: 'assessments', secret: subgraphSecret(graph.internalSecret, 'assessments') }, JSON.stringify(sent));
    expect(refusal(await post(graph.url, sent, asAssessments))).toMatchObject({ status: 400, code: 'OPERATION_NOT_SAFELISTED' });
  });

  it("when a check-in page asks for its place's code, then its registered question reaches the place's subgraph", async () => {
    for (const kind of ['station', 'activity', 'shift']) {
      const answer = await fetch(`${graph.url}checkin/${kind}/${randomUUID()}/code`, {
        headers: { authorization: `Bearer ${await graph.token(['CITY_ADMIN'])}` },
      });
      const body = (await answer.json()) as { errors?: { extensions: { code: string } }[] };
      // Not refused by the safelist: the owning subgraph answered (no such place).
      expect([kind, body.errors?.[0]?.extensions.code]).toEqual([kind, 'NOT_FOUND']);
    }
  });

  it("when a volunteer issues an hours certificate through its registered operation, then the directory's service call for the hours is served, and /verify shows it", async () => {
    const [person] = await graph
      .db('directory')
      .query(`INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES ('陈志明', 'MALE', '1985-04-05', '350105001004') RETURNING id`);
    await graph
      .db('directory')
      .query(`INSERT INTO directory.volunteer (person_id, region_code, skills, availability) VALUES ($1, '350105001004', '{ERRANDS}', '{}')`, [person.id]);
    const issue = readFileSync(path.join(ROOT, 'subgraphs', 'directory', 'operations', 'IssueHoursCertificate.graphql'), 'utf8');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const token = await graph.token(['VOLUNTEER'], '350105001004', person.id);
    const answer = await post(graph.url, { query: issue, variables: { personId: person.id, from: today, to: today } }, { authorization: `Bearer ${token}` });
    expect(answer.body.errors).toBeUndefined();
    const certificate = answer.body.data.issueHoursCertificate;
    expect(certificate).toMatchObject({ totalHours: 0, status: 'VALID', holderName: '陈志明' });
    const page = await fetch(new URL(certificate.verifyPath, graph.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('陈*明');
  });

  it('when the gateway runs in the default mode, then ad-hoc queries are served as before', async () => {
    const answer = await post(open.url, { query: AD_HOC });
    expect(answer).toEqual({ status: 200, body: { data: { region: { name: '马尾区' } } } });
  });

  it('when an officer submits an assessment through a registered operation, then assessments still confirms the station as itself', async () => {
    const [station] = await graph.db('neighbour-stations').query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude)
       VALUES ('新港社区驿站', 'VOLUNTEER_SERVICE', '350105001001', 26.0, 119.45) RETURNING id`,
    );
    const items: { id: string; max_score: string }[] = await graph.db('assessments').query(
      `SELECT i.id, i.max_score FROM assessments.template_item i JOIN assessments.template t ON t.id = i.template_id
       WHERE t.code = 'STATION_EVALUATION' AND t.version = (SELECT max(version) FROM assessments.template WHERE code = 'STATION_EVALUATION')`,
    );
    const [{ template_id: templateId }] = await graph.db('assessments').query(`SELECT template_id FROM assessments.template_item WHERE id = $1`, [items[0].id]);
    const officer = { authorization: `Bearer ${await graph.token(['DISTRICT_OFFICER'], '350105')}` };
    const variables = (subjectId: string) => ({
      templateId,
      subjectType: 'STATION',
      subjectId,
      kind: 'ROUTINE',
      scores: items.map((item) => ({ itemId: item.id, score: Number(item.max_score) })),
    });
    const submitted = await post(graph.url, { query: registered('SubmitAssessment').body, variables: variables(station.id) }, officer);
    expect(submitted.body.errors).toBeUndefined();
    expect(submitted.body.data.submitAssessment).toMatchObject({ status: 'SUBMITTED', subject: { id: station.id, name: '新港社区驿站' } });
    // The station's absence is learnt from neighbour-stations through the gateway, not guessed.
    const unknown = await post(
      graph.url,
      { query: registered('SubmitAssessment').body, variables: variables('00000000-0000-4000-8000-000000000000') },
      officer,
    );
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
