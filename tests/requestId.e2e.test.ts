import './debugLogs';
import { randomUUID } from 'node:crypto';
import { captureLogs } from '@civic/shared/src/testing';
import { startTestGraph, TestGraph } from './harness';

/**
 * One request id end to end (issue 18.3): the client's x-request-id, or one the
 * gateway makes, comes back in the answer, is signed to each subgraph, lands in
 * every log line of the request and in its audit rows, one row per person and
 * field set however many subgraph calls read them.
 */
const TEAM = '61b2e74f-5064-4f73-86bd-bf10bd90d75b'; // 闽江村红色义工队 on the default seed
// As VeteranTeamPage, with fields that are audited: the leader is also a member, and
// its person is fetched from the directory by two calls (leader's and members').
const TEAM_AUDIT = `query VeteranTeamAudit($id: ID!) {
  veteranTeam(id: $id) {
    leader { id serviceYears person { id phone } }
    members { id serviceYears partyMember person { id phone } }
  }
}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('one request id end to end', () => {
  let graph: TestGraph;
  const logs = captureLogs();
  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' } });
  });
  afterAll(async () => {
    logs.stop();
    await graph?.stop();
  });

  async function post(query: string, options: { requestId?: string; token?: string; variables?: Record<string, unknown> } = {}) {
    const response = await fetch(graph.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify({ query, variables: options.variables ?? {} }),
    });
    return { requestId: response.headers.get('x-request-id'), status: response.status, body: (await response.json()) as any };
  }
  const linesOf = (requestId: string) => logs.lines().filter((line) => line.requestId === requestId);

  it("when a client names its request, then the id comes back, the audit rows carry it with the client's operation, one per person and field set", async () => {
    const requestId = `team-page.${randomUUID()}`;
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    const answer = await post(TEAM_AUDIT, { requestId, token: officer, variables: { id: TEAM } });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.requestId).toBe(requestId);
    const team = answer.body.data.veteranTeam;
    // A person with no phone (some of the very old) has none shown, so nothing to log.
    const shown = [team.leader.person, ...team.members.map((m: any) => m.person)].filter((p: any) => p.phone !== null);
    const people = new Set<string>(shown.map((p: any) => p.id));
    const veterans = new Set<string>([team.leader.id, ...team.members.map((m: any) => m.id)]);
    expect(people.size).toBeGreaterThan(1);
    // The leader's person and the members' are two fetches of the plan, sent to the directory as one
    // call (gateway/src/fetchBatching.ts), in which the leader's person is read twice (as leader and as member).
    const directoryCalls = linesOf(requestId).filter((line) => line.msg === 'serving a signed call' && line.service === 'directory');
    expect(directoryCalls.length).toBe(1);

    const personal = await graph
      .db('directory')
      .query(`SELECT person_id, fields, operation FROM directory.personal_data_access WHERE request_id = $1`, [requestId]);
    expect(personal).toHaveLength(people.size);
    expect(new Set(personal.map((row: any) => row.person_id))).toEqual(people);
    expect(personal.every((row: any) => row.operation === 'VeteranTeamAudit' && row.fields.join() === 'phone')).toBe(true);

    const service = await graph
      .db('veteran-volunteers')
      .query(`SELECT veteran_id, fields, operation FROM veteran_volunteers.veteran_data_access WHERE request_id = $1`, [requestId]);
    expect(new Set(service.map((row: any) => row.veteran_id))).toEqual(veterans);
    // One row per veteran and field set: the leader is read twice (as leader and as member) with two field sets.
    const keys = service.map((row: any) => `${row.veteran_id}:${row.fields.join()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(service.every((row: any) => row.operation === 'VeteranTeamAudit')).toBe(true);

    // The log as a city administrator reads it names the request.
    const admin = await graph.token(['CITY_ADMIN'], '3501');
    const log = await post(
      `query { personalDataAccessLog(personId: "${team.leader.person.id}", first: 50) { edges { node { requestId operation fields } } } }`,
      { token: admin },
    );
    expect(log.body.errors).toBeUndefined();
    expect(log.body.data.personalDataAccessLog.edges.map((e: any) => e.node)).toContainEqual({ requestId, operation: 'VeteranTeamAudit', fields: ['phone'] });
  });

  it('when the x-request-id is malformed, then it is replaced by a fresh id, not refused', async () => {
    for (const malformed of ['short', 'has spaces in it', 'x'.repeat(65), 'semi;colon-id']) {
      const answer = await post('{ __typename }', { requestId: malformed });
      expect(answer.status).toBe(200);
      expect(answer.requestId).toMatch(UUID);
      expect(answer.requestId).not.toBe(malformed);
    }
  });

  it('when a body is refused before GraphQL runs, then the answer still has the id and an access line', async () => {
    const requestId = randomUUID();
    const response = await fetch(graph.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: '{not json' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(linesOf(requestId).filter((line) => line.msg === 'request')).toEqual([
      expect.objectContaining({ status: 400, outcome: 'error', operationName: null }),
    ]);
  });

  it('when two requests name no id, then each gets its own', async () => {
    const [one, two] = await Promise.all([post('{ __typename }'), post('{ __typename }')]);
    expect(one.requestId).toMatch(UUID);
    expect(two.requestId).toMatch(UUID);
    expect(one.requestId).not.toBe(two.requestId);
  });

  it('when a request is served, then its access log line and the lines of the gateway and the subgraphs carry its id', async () => {
    const requestId = randomUUID();
    const answer = await post('query DistrictDashboard { region(code: "350105") { name veterans { veterans } } }', { requestId });
    expect(answer.body.errors).toBeUndefined();
    const lines = linesOf(requestId);
    const access = lines.filter((line) => line.msg === 'request');
    expect(access).toEqual([
      expect.objectContaining({
        service: 'gateway',
        operationName: 'DistrictDashboard',
        status: 200,
        outcome: 'ok',
        codes: [],
        durationMs: expect.any(Number),
      }),
    ]);
    const services = new Set(lines.map((line) => line.service));
    expect(services).toEqual(new Set(['gateway', 'directory', 'veteran-volunteers']));
    expect(
      lines
        .filter((line) => line.msg === 'subgraph call')
        .map((line) => line.subgraph)
        .sort(),
    ).toEqual(['directory', 'veteran-volunteers']);

    const failed = randomUUID();
    await post('query Broken { region(code: "350105") { nope } }', { requestId: failed });
    expect(linesOf(failed).filter((line) => line.msg === 'request')).toEqual([
      expect.objectContaining({ operationName: 'Broken', status: 400, outcome: 'error', codes: ['GRAPHQL_VALIDATION_FAILED'] }),
    ]);
  });
});
