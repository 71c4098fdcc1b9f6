import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestGraph, TestGraph } from './harness';

/** The specification's own JSON examples (tests/fixtures/open311, see its README). */
const EXAMPLES = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'open311', 'examples.json'), 'utf8'));
const XINGANG = '350105001004';

/** Each field's JSON type, so an answer is compared with an example field by field ("null" for null). */
const shape = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).map(([key, v]) => [key, v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v]));
/** A field the example fills may be null in ours (GeoReport: "may not be returned"), and the other way round. */
const sameFields = (ours: Record<string, unknown>, example: Record<string, unknown>) => {
  expect(Object.keys(ours).sort()).toEqual(Object.keys(example).sort());
  const exampleShape = shape(example);
  for (const [key, type] of Object.entries(shape(ours))) {
    if (type !== 'null' && exampleShape[key] !== 'null') expect([key, type]).toEqual([key, exampleShape[key]]);
  }
};

describe('Open311 GeoReport v2 through the gateway', () => {
  let graph: TestGraph;
  let elder: { id: string; personId: string };
  let resident: string;
  let stationId: string;
  const base = () => new URL('/open311/v2/', graph.url);
  const get = async (path: string) => {
    const response = await fetch(new URL(path, base()));
    return { status: response.status, body: (await response.json()) as any };
  };
  const post = async (fields: Record<string, string>, token?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(new URL('requests.json', base()), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const expectError = (answer: { status: number; body: any }, status: number) => {
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual([{ code: status, description: expect.any(String) }]);
    sameFields(answer.body[0], EXAMPLES.errors[0]);
  };

  beforeAll(async () => {
    graph = await startTestGraph();
    const [old, neighbour] = await graph.db('directory').query(
      `INSERT INTO directory.person (name, gender, birth_date, phone, region_code)
       VALUES ('陈阿婆', 'FEMALE', '1936-02-01', '13800001234', $1), ('林志强', 'MALE', '1990-07-15', '13900005678', '350504001001') RETURNING id`,
      [XINGANG],
    );
    const [row] = await graph.db('elder-care').query(`INSERT INTO elder_care.elder (person_id, region_code) VALUES ($1, $2) RETURNING id`, [old.id, XINGANG]);
    elder = { id: row.id, personId: old.id };
    resident = neighbour.id;
    const [station] = await graph.db('neighbour-stations').query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address)
       VALUES ('洛阳桥驿站', 'VOLUNTEER_SERVICE', '350504001002', 24.9542, 118.6817, '万安街道桥南社区') RETURNING id`,
    );
    stationId = station.id;
  });
  afterAll(() => graph.stop());

  it('when a client reads discovery.json, then it names this GeoReport v2 endpoint as the example does', async () => {
    const { status, body } = await get('discovery.json');
    expect(status).toBe(200);
    sameFields(body, EXAMPLES.discovery);
    expect(body.endpoints).toHaveLength(1);
    sameFields(body.endpoints[0], EXAMPLES.discovery.endpoints[0]);
    expect(body.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: new URL('/open311/v2', graph.url).href,
      formats: ['application/json'],
    });
  });

  it('when a client lists services, then every 金厝边 category and station help has a code, as the example lists them', async () => {
    const { status, body } = await get('services.json');
    expect(status).toBe(200);
    for (const service of body) sameFields(service, EXAMPLES.services[0]);
    expect(body.map((s: any) => s.service_code)).toEqual(
      expect.arrayContaining([
        'CARE_MEAL',
        'CARE_VISIT',
        'CARE_CLINIC',
        'CARE_COMPANIONSHIP',
        'HELP_ELDERLY',
        'HELP_CHILDREN',
        'HELP_EDUCATION',
        'HELP_HARDSHIP',
        'HELP_MEDICAL',
      ]),
    );
    expect(body).toHaveLength(9);
    expect(body.find((s: any) => s.service_code === 'HELP_ELDERLY')).toMatchObject({
      service_name: '助老',
      metadata: false,
      type: 'realtime',
      group: '驿站 station orders',
    });
    expect(body.find((s: any) => s.service_code === 'CARE_MEAL')).toMatchObject({ service_name: '助餐', metadata: true, group: '金厝边 elder care' });
  });

  it('when a client reads a service definition, then its attributes come as the example gives them; an unknown code is 404', async () => {
    const { status, body } = await get('services/CARE_VISIT.json');
    expect(status).toBe(200);
    sameFields(body, EXAMPLES.service_definition);
    const [elderId, mode] = body.attributes;
    sameFields(mode, EXAMPLES.service_definition.attributes[0]);
    expect(elderId).toMatchObject({ code: 'elder_id', datatype: 'string', required: true, order: 1 });
    expect(mode.values.map((v: any) => v.key).sort()).toEqual(['MUTUAL_AID_GROUP', 'VOLUNTEER_CLAIM']);
    for (const value of mode.values) sameFields(value, EXAMPLES.service_definition.attributes[0].values[0]);
    expect((await get('services/HELP_ELDERLY.json')).body).toEqual({ service_code: 'HELP_ELDERLY', attributes: [] });
    expectError(await get('services/NOPE.json'), 404);
    expectError(await get('services/CARE_VISIT.xml'), 400);
  });

  it('when a request is posted without a key or with a bad one, then 403 as the spec says', async () => {
    expectError(await post({ service_code: 'HELP_ELDERLY', address_id: stationId }), 403);
    expectError(await post({ service_code: 'HELP_ELDERLY', address_id: stationId }, 'not-a-token'), 403);
    expectError(await post({ service_code: 'HELP_ELDERLY', address_id: stationId, api_key: 'not-a-token' }), 403);
  });

  it('when the elder posts a care request and a resident a station order, then each is placed through the graph and can be read back', async () => {
    const elderToken = await graph.token(['VOLUNTEER'], XINGANG, elder.personId);
    const care = await post(
      { service_code: 'CARE_VISIT', 'attribute[elder_id]': elder.id, 'attribute[mode]': 'VOLUNTEER_CLAIM', description: '糖尿病, 需要测血糖' },
      elderToken,
    );
    expect(care.status).toBe(200);
    sameFields(care.body[0], EXAMPLES.post_request[0]);
    const careId = care.body[0].service_request_id;
    // The same write path: the request is the graph's, its note kept there.
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    const inGraph = await graph.query(`query ($id: ID!) { serviceRequest(id: $id) { category status note } }`, { id: careId }, officer);
    expect(inGraph.body.data.serviceRequest).toEqual({ category: 'VISIT', status: 'OPEN', note: '糖尿病, 需要测血糖' });

    const residentToken = await graph.token(['VOLUNTEER'], '350504001001', resident);
    const order = await post({ service_code: 'HELP_ELDERLY', address_id: stationId, api_key: residentToken, description: '陪同就医' });
    expect(order.status).toBe(200);
    const orderId = order.body[0].service_request_id;

    const listed = await get('requests.json');
    expect(listed.status).toBe(200);
    expect(Array.isArray(listed.body)).toBe(true);
    for (const request of listed.body) sameFields(request, EXAMPLES.requests[0]);
    const byId = new Map(listed.body.map((r: any) => [r.service_request_id, r]));
    // An anonymous list places each by its district only: by street or station it would count what
    // disclosure control withholds (a street's requests, a community's orders).
    expect(byId.get(careId)).toMatchObject({
      status: 'open',
      service_code: 'CARE_VISIT',
      service_name: '探访',
      description: null,
      address_id: '350105',
      lat: null,
    });
    expect(byId.get(orderId)).toMatchObject({ status: 'open', service_code: 'HELP_ELDERLY', address_id: '350504', lat: null, long: null });
    expect((byId.get(orderId) as { address: string }).address).toContain('洛江区');
    // The region's officer, who sees its exact figures, is told the street and the station through the graph.
    const placed = await graph.query(
      `query ($ids: [ID!]) { publicServiceRequests(ids: $ids) { edges { node { street { code } district { code } } } } publicStationOrders(ids: $ids) { edges { node { station { id } district { code } } } } }`,
      { ids: [careId, orderId] },
      await graph.token(['CITY_ADMIN'], '35'),
    );
    expect(placed.body.data.publicServiceRequests.edges[0].node).toEqual({ street: { code: '350105001' }, district: { code: '350105' } });
    expect(placed.body.data.publicStationOrders.edges[0].node).toEqual({ station: { id: stationId }, district: { code: '350504' } });
    // Public fields only: no names, phones or notes, by any path.
    const text = JSON.stringify(listed.body);
    for (const secret of ['陈阿婆', '13800001234', '林志强', '13900005678', '糖尿病', '陪同就医', elder.id, elder.personId, resident])
      expect(text).not.toContain(secret);

    const one = await get(`requests/${careId}.json`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual([byId.get(careId)]);
    expectError(await get(`requests/${randomUUID()}.json`), 404);
    expectError(await get('requests/12345.json'), 404);

    // Filters: a code, a status, ids, a window.
    expect((await get('requests.json?service_code=CARE_VISIT')).body.map((r: any) => r.service_request_id)).toEqual([careId]);
    expect((await get('requests.json?service_code=HELP_ELDERLY,HELP_MEDICAL')).body.map((r: any) => r.service_request_id)).toEqual([orderId]);
    expect((await get('requests.json?status=closed')).body).toEqual([]);
    expect((await get('requests.json?status=open')).body).toHaveLength(2);
    expect((await get(`requests.json?service_request_id=${orderId},nonsense&status=closed`)).body.map((r: any) => r.service_request_id)).toEqual([orderId]);
    expect((await get('requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00%2B08:00')).body).toEqual([]);
    const today = new Date(Date.now() - 3600_000).toISOString();
    expect((await get(`requests.json?start_date=${today}`)).body).toHaveLength(2);

    // A cancelled order is closed.
    await graph.query(`mutation ($id: ID!) { cancelStationOrder(id: $id) { status } }`, { id: orderId }, residentToken);
    expect((await get('requests.json?status=closed')).body.map((r: any) => r.service_request_id)).toEqual([orderId]);
  });

  it('when a post repeats its Idempotency-Key, then the graph returns the first request', async () => {
    const token = await graph.token(['VOLUNTEER'], '350504001001', resident);
    const key = randomUUID();
    const first = await post({ service_code: 'HELP_MEDICAL', address_id: stationId }, token, { 'idempotency-key': key });
    const again = await post({ service_code: 'HELP_MEDICAL', address_id: stationId }, token, { 'idempotency-key': key });
    expect(again.body[0].service_request_id).toBe(first.body[0].service_request_id);
  });

  it('when a post or a query is wrong, then the spec errors: 400, 404 or 403 with a list of code and description', async () => {
    const token = await graph.token(['VOLUNTEER'], '350504001001', resident);
    expectError(await post({ address_id: stationId }, token), 400);
    expectError(await post({ service_code: 'NOPE', address_id: stationId }, token), 404);
    expectError(await post({ service_code: 'HELP_ELDERLY' }, token), 400);
    expectError(await post({ service_code: 'CARE_MEAL', 'attribute[mode]': 'VOLUNTEER_CLAIM' }, token), 400);
    // A neighbour may not ask for the elder: the write path's rule, answered as GeoReport's 403.
    expectError(await post({ service_code: 'CARE_MEAL', 'attribute[elder_id]': elder.id, 'attribute[mode]': 'VOLUNTEER_CLAIM' }, token), 403);
    expectError(await post({ service_code: 'CARE_MEAL', 'attribute[elder_id]': randomUUID(), 'attribute[mode]': 'VOLUNTEER_CLAIM' }, token), 404);
    expectError(await post({ service_code: 'HELP_ELDERLY', address_id: 'not-a-station' }, token), 400);
    expectError(await get('requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-06-01T00:00:00Z'), 400);
    expectError(await get('requests.json?start_date=yesterday'), 400);
    expectError(await get('requests.json?status=pending'), 400);
    expectError(await get('requests.json?service_code=NOPE'), 404);
    expectError(await get('nothing.json'), 404);
  });
});
