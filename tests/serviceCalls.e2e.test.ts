import { serviceCall, subgraphSecret } from '@civic/shared';
import { startTestGraph, TestGraph } from './harness';

const ON_RECORD = 'query ($id: ID!) { personOnRecord(id: $id) { id birthYear } }';

/**
 * A subgraph's own question to the graph (gateway/src/serviceCaller.ts): signed with
 * that subgraph's own secret, verified by the gateway, answered as that service.
 */
describe('service calls through the gateway', () => {
  let graph: TestGraph;
  let personId: string;
  beforeAll(async () => {
    graph = await startTestGraph();
    [{ id: personId }] = await graph
      .db('directory')
      .query(`INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES ('郑阿公', 'MALE', '1950-03-04', '350105001004') RETURNING id`);
  });
  afterAll(() => graph.stop());

  const ask = async (headers: Record<string, string>, body: string) => {
    const response = await fetch(graph.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('when a subgraph signs its call with its own secret, then the directory answers it', async () => {
    const body = JSON.stringify({ query: ON_RECORD, variables: { id: personId } });
    const headers = serviceCall({ name: 'veteran-volunteers', secret: subgraphSecret(graph.internalSecret, 'veteran-volunteers') }, body);
    expect(await ask(headers, body)).toEqual({ status: 200, body: { data: { personOnRecord: { id: personId, birthYear: 1950 } } } });
  });

  it('when a call names a service but is signed with another secret, or names no subgraph, or its body was changed, then 401', async () => {
    const body = JSON.stringify({ query: ON_RECORD, variables: { id: personId } });
    const wrongSecret = serviceCall({ name: 'veteran-volunteers', secret: subgraphSecret(graph.internalSecret, 'elder-care') }, body);
    const unknown = serviceCall({ name: 'food-banks', secret: subgraphSecret(graph.internalSecret, 'food-banks') }, body);
    const signed = serviceCall({ name: 'elder-care', secret: subgraphSecret(graph.internalSecret, 'elder-care') }, body);
    // Another id for certain: replacing the last digit with a fixed one left the body as it was whenever the id already ended in it (1 run in 16).
    const changed = JSON.stringify({ query: ON_RECORD, variables: { id: personId.replace(/.$/, (last) => (last === '0' ? '1' : '0')) } });
    for (const [kind, headers, sent] of [
      ['wrong secret', wrongSecret, body],
      ['unknown service', unknown, body],
      ['changed body', signed, changed],
    ] as const) {
      const answer = await ask(headers, sent);
      // The whole answer is in the comparison, so a failure shows what came back instead.
      expect({ kind, status: answer.status, code: answer.body.errors?.[0]?.extensions?.code, answer: answer.status === 401 ? undefined : answer.body }).toEqual(
        {
          kind,
          status: 401,
          code: 'UNAUTHENTICATED',
          answer: undefined,
        },
      );
    }
  });

  it('when a signed service call is sent a second time within its window, then the copy learns nothing', async () => {
    const body = JSON.stringify({ query: ON_RECORD, variables: { id: personId } });
    const headers = serviceCall({ name: 'elder-care', secret: subgraphSecret(graph.internalSecret, 'elder-care') }, body);
    expect((await ask(headers, body)).body.data.personOnRecord.birthYear).toBe(1950);
    // The gateway plans the copy into the same call ids, which the directory's replay guard has claimed.
    const copy = await ask(headers, body);
    expect(copy.body.data?.personOnRecord ?? null).toBeNull();
    expect(copy.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(copy.body)).not.toContain('1950');
  });

  it('when a service call would be planned back into the subgraph that asks, then FORBIDDEN before anything runs; a mutation not declared for that service is FORBIDDEN by the write path', async () => {
    const asDirectory = { name: 'directory', secret: subgraphSecret(graph.internalSecret, 'directory') };
    const loop = JSON.stringify({ query: ON_RECORD, variables: { id: personId } });
    const looped = await ask(serviceCall(asDirectory, loop), loop);
    expect(looped.body.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('planned back') });
    expect(JSON.stringify(looped.body)).not.toContain('1950');
    const write = JSON.stringify({
      query: 'mutation { registerPerson(name: "冒名", gender: MALE, birthDate: "1950-01-01", idNumber: "x", homeCommunityCode: "350105001004") { id } }',
    });
    const wrote = await ask(serviceCall({ name: 'elder-care', secret: subgraphSecret(graph.internalSecret, 'elder-care') }, write), write);
    // The write path refuses a service where the mutation does not declare it.
    expect(wrote.body.errors[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining("not for the graph's service elder-care"),
    });
    expect(await graph.db('directory').query(`SELECT 1 FROM directory.person WHERE name = '冒名'`)).toEqual([]);
  });

  it('when a client asks, even a city administrator, then FORBIDDEN and no birth year', async () => {
    const { body } = await graph.query(ON_RECORD, { id: personId }, await graph.token(['CITY_ADMIN'], '35'));
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(JSON.stringify(body)).not.toContain('1950');
  });
});
