import { gatewayBeside, startTestGraph, TestGraph } from './harness';

/**
 * The gateway's response cache and HTTP caching (issue 15.2), on the demo seed:
 * statistics are kept per disclosure audience and never cross one, a repeated
 * public question reaches no subgraph, personal data is never kept or marked
 * public, an answer is fresh again once its maxAge has passed (on the cache's own
 * clock), and `Cache-Control` says who may keep each answer.
 */
const DISTRICT = '350105'; // 马尾区: the seed's pilot district, with streets small enough to withhold
const OTHER_DISTRICT = '350504';
const FIGURES = `code elderCare { elders openRequests suppressed } veterans { veterans teams suppressed } stationStats { stations openOrders suppressed }`;
/** The same question under a name of its own per test, so that no test reads another's entries. */
const family = (name: string) => `query ${name}($code: ID!) { region(code: $code) { code name selfAndChildren { ${FIGURES} } } }`;

describe('response caching at the gateway', () => {
  let graph: TestGraph;
  let now = Date.parse('2026-11-23T02:00:00Z');
  let tokens: Record<'official' | 'otherOfficial' | 'admin' | 'analyst', string>;

  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' }, subgraphTimeoutMs: 30_000, responseCache: { clock: () => new Date(now) } });
    tokens = {
      official: await graph.token(['DISTRICT_OFFICER'], DISTRICT, 'e0000000-0000-4000-8000-0000000000a1'),
      otherOfficial: await graph.token(['DISTRICT_OFFICER'], OTHER_DISTRICT, 'e0000000-0000-4000-8000-0000000000a2'),
      admin: await graph.token(['CITY_ADMIN'], '35', 'e0000000-0000-4000-8000-0000000000a3'),
      analyst: await graph.token(['ANALYST'], '35', 'e0000000-0000-4000-8000-0000000000a4'),
    };
  }, 300_000);

  afterAll(async () => {
    await graph?.stop();
  });

  /** The gateway's calls to the subgraphs so far, and its cache hits, from its /metrics. */
  async function counters(): Promise<{ calls: number; hits: number }> {
    const text = await (await fetch(new URL('metrics', graph.url))).text();
    const sum = (name: string, label = '') =>
      text
        .split('\n')
        .filter((line) => line.startsWith(`${name}{`) && line.includes(label))
        .reduce((total, line) => total + Number(line.split(' ').pop()), 0);
    return { calls: sum('civic_gateway_subgraph_requests_total'), hits: sum('civic_gateway_response_cache_total', 'result="hit"') };
  }

  async function ask(query: string, variables: Record<string, unknown>, token?: string, url = graph.url) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body: any = await response.json();
    expect(body.errors).toBeUndefined();
    return { body, cacheControl: response.headers.get('cache-control'), vary: response.headers.get('vary') ?? '', age: response.headers.get('age') };
  }

  const withheld = (body: any) =>
    body.data.region.selfAndChildren.flatMap((r: any) => [...r.elderCare.suppressed, ...r.veterans.suppressed, ...r.stationStats.suppressed]).length;

  it.each([
    ['the public first', 'PublicFirst', ['public', 'official', 'otherOfficial', 'public', 'official']],
    ['the official first', 'OfficialFirst', ['official', 'public', 'otherOfficial', 'official', 'public']],
  ] as const)('never serves an answer to another audience, %s', async (_, name, order) => {
    const answers: Record<string, unknown[]> = { public: [], official: [], otherOfficial: [] };
    for (const who of order) {
      const { body } = await ask(family(name), { code: DISTRICT }, who === 'public' ? undefined : tokens[who]);
      answers[who].push(body.data);
    }
    const [publicAnswer] = answers.public;
    const [officialAnswer] = answers.official;
    // The premise: the district's own officer sees small counts the public does not.
    expect(withheld({ data: publicAnswer })).toBeGreaterThan(0);
    expect(withheld({ data: officialAnswer })).toBe(0);
    // Each got its own audience's answer every time, whoever asked before.
    for (const answer of answers.public) expect(answer).toEqual(publicAnswer);
    for (const answer of answers.official) expect(answer).toEqual(officialAnswer);
    // Another district's officer sees 马尾区 as the public does, never its officer's exact figures.
    for (const answer of answers.otherOfficial) expect(answer).toEqual(publicAnswer);
  });

  it('answers a repeated public question from the cache, to anyone of the public, without asking a subgraph', async () => {
    const query = family('PublicRepeat');
    await ask(query, { code: DISTRICT });
    const first = await counters();
    const again = await ask(query, { code: DISTRICT });
    const fromAnalyst = await ask(query, { code: DISTRICT }, tokens.analyst);
    const second = await counters();
    expect(second.calls).toBe(first.calls);
    expect(second.hits).toBe(first.hits + 2);
    expect(fromAnalyst.body).toEqual(again.body);
    expect(again.age).toMatch(/^\d+$/); // how old the kept answer is, for browsers and proxies
    // Other variables are another question: asked of the subgraphs.
    await ask(query, { code: OTHER_DISTRICT });
    expect((await counters()).calls).toBeGreaterThan(second.calls);
  });

  it("keeps an official's exact figures for that official alone", async () => {
    const query = family('OfficialRepeat');
    const own = await ask(query, { code: DISTRICT }, tokens.official);
    const before = await counters();
    expect((await ask(query, { code: DISTRICT }, tokens.official)).body).toEqual(own.body);
    expect((await counters()).calls).toBe(before.calls);
    // A colleague of the same district is another caller: asked afresh (and answered the same).
    const colleague = await graph.token(['DISTRICT_OFFICER'], DISTRICT, 'e0000000-0000-4000-8000-0000000000a5');
    expect((await ask(query, { code: DISTRICT }, colleague)).body).toEqual(own.body);
    expect((await counters()).calls).toBeGreaterThan(before.calls);
  });

  it("shows an official's own change at once to that official; the public's figures keep to their bound", async () => {
    const query = `query CachedOwnChange($code: ID!) { region(code: $code) { stationStats { stations } } }`;
    const stations = async (token?: string) => (await ask(query, { code: DISTRICT }, token)).body.data.region.stationStats.stations;
    const db = graph.db('neighbour-stations');
    const [open] = await db.query(`SELECT id FROM neighbour_stations.station WHERE status = 'OPEN' AND region_code LIKE '${DISTRICT}%' ORDER BY id LIMIT 1`);
    const before = await stations(tokens.official);
    const publicBefore = await stations();
    try {
      const closed = await graph.query('mutation ($id: ID!) { closeStation(id: $id) { id status } }', { id: open.id }, tokens.official);
      expect(closed.body.errors).toBeUndefined();
      expect(await stations(tokens.official)).toBe(before - 1);
      expect(await stations()).toEqual(publicBefore); // kept: at most 30 s old
      now += 31_000;
      expect(await stations(tokens.admin)).toBe(before - 1);
    } finally {
      await db.query(`UPDATE neighbour_stations.station SET status = 'OPEN' WHERE id = $1`, [open.id]);
    }
  });

  it('never keeps personal data nor marks it public', async () => {
    const [{ id }] = await graph.db('directory').query('SELECT id FROM directory.person ORDER BY id LIMIT 1');
    const person = `query CachedPerson($id: ID!) { person(id: $id) { id name phone } }`;
    const worklist = `query CachedWorklist($near: ID) { serviceRequestWorklist(near: $near, first: 5) { totalCount edges { node { id category } } } }`;
    const officers = `query CachedOfficers($code: ID!) { region(code: $code) { name elderCare { elders } officers { id name } } }`;
    const volunteer = await graph.token(['VOLUNTEER'], '350105001004', 'e0000000-0000-4000-8000-00000000beef');
    for (const [query, variables, token] of [
      [person, { id }, tokens.admin],
      [worklist, { near: '350105001004' }, volunteer],
      [officers, { code: DISTRICT }, tokens.admin],
    ] as const) {
      const first = await ask(query, variables, token);
      expect(first.cacheControl).toBe('no-store');
      const before = await counters();
      const second = await ask(query, variables, token);
      expect(second.cacheControl).toBe('no-store');
      expect(second.body).toEqual(first.body);
      const after = await counters();
      expect(after.calls).toBeGreaterThan(before.calls);
      expect(after.hits).toBe(before.hits);
    }
  });

  it('answers afresh once the maxAge has passed', async () => {
    const query = `query CachedStations($code: ID!) { region(code: $code) { stationStats { stations } } }`;
    const stations = async () => (await ask(query, { code: DISTRICT }, tokens.admin)).body.data.region.stationStats.stations;
    const db = graph.db('neighbour-stations');
    const [open] = await db.query(`SELECT id FROM neighbour_stations.station WHERE status = 'OPEN' AND region_code LIKE '${DISTRICT}%' ORDER BY id LIMIT 1`);
    const before = await stations();
    await db.query(`UPDATE neighbour_stations.station SET status = 'CLOSED' WHERE id = $1`, [open.id]);
    try {
      now += 29_000;
      expect(await stations()).toBe(before); // within the 30 s the hints allow: the kept answer
      now += 2_000;
      expect(await stations()).toBe(before - 1);
    } finally {
      await db.query(`UPDATE neighbour_stations.station SET status = 'OPEN' WHERE id = $1`, [open.id]);
    }
  });

  it.each(['with', 'without'])('says in Cache-Control who may keep each answer, %s the response cache', async (cache) => {
    const beside = cache === 'without' ? await gatewayBeside(graph, {}) : undefined;
    const url = beside?.url ?? graph.url;
    try {
      const tree = `query CachedTree($code: ID!) { region(code: $code) { code name children { code name } } }`;
      expect((await ask(tree, { code: '3501' }, undefined, url)).cacheControl).toBe('max-age=300, public');
      expect((await ask(family('Headers'), { code: DISTRICT }, undefined, url)).cacheControl).toBe('max-age=30, public');
      // The same public figures asked with a token: kept by the caller's browser only.
      expect((await ask(family('Headers'), { code: DISTRICT }, tokens.analyst, url)).cacheControl).toBe('max-age=30, private');
      expect((await ask(family('Headers'), { code: DISTRICT }, tokens.official, url)).cacheControl).toBe('max-age=30, private');
      expect((await ask(family('Headers'), { code: DISTRICT }, tokens.admin, url)).cacheControl).toBe('max-age=30, private');
      expect((await ask(tree, { code: '3501' }, tokens.official, url)).cacheControl).toBe('max-age=300, private');
      // A shared cache must not answer a request with a token from one stored without.
      expect((await ask(tree, { code: '3501' }, undefined, url)).vary).toMatch(/authorization/i);
      // A GET, as a CDN in front would keep it (a preflight header, for the gateway's CSRF prevention).
      const get = new URL(url);
      get.searchParams.set('query', tree);
      get.searchParams.set('variables', JSON.stringify({ code: '3501' }));
      const viaGet = await fetch(get, { headers: { 'apollo-require-preflight': 'true' } });
      expect(viaGet.status).toBe(200);
      expect(viaGet.headers.get('cache-control')).toBe('max-age=300, public');
      // A mutation's answer is never kept.
      const mutation = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
        body: JSON.stringify({ query: 'mutation { markNoticeRead(id: "00000000-0000-4000-8000-000000000000") { id } }' }),
      });
      expect(mutation.headers.get('cache-control')).toBe('no-store');
    } finally {
      await beside?.stop();
    }
  });

  it('keeps the open-data exports apart by audience too', async () => {
    const download = async (token?: string) =>
      (await fetch(new URL(`/export/streets.csv?code=${DISTRICT}`, graph.url), { headers: token ? { authorization: `Bearer ${token}` } : {} })).text();
    const publicFile = await download();
    const officialFile = await download(tokens.official);
    expect(officialFile).not.toEqual(publicFile);
    const before = await counters();
    expect(await download()).toEqual(publicFile);
    expect(await download(tokens.official)).toEqual(officialFile);
    expect(await download(tokens.otherOfficial)).toEqual(publicFile);
    expect((await counters()).hits).toBeGreaterThanOrEqual(before.hits + 2);
  });
});
