import { hsdsErrors, schemaOfPath } from './hsdsSchemas';
import { startTestGraph, TestGraph } from './harness';

/**
 * HSDS 3.0 at /hsds/ over real HTTP: every answer is checked against the
 * official JSON Schemas (tests/fixtures/hsds) with ajv, and against the rows the
 * test made, read through the graph as an anonymous caller.
 */
describe('HSDS 3.0 open data through the gateway', () => {
  let graph: TestGraph;
  const ids = { operator: '', station: '', rotaStation: '', canteen: '' };
  const get = async (path: string) => {
    const response = await fetch(new URL(path, graph.url));
    return { status: response.status, body: (await response.json()) as any };
  };
  /** GETs an HSDS path and checks its answer against the schema openapi.json gives `route` (or `schema`). */
  const valid = async (path: string, route: string | object) => {
    const { status, body } = await get(path);
    expect(status).toBe(200);
    // A route of openapi.json ('/services/{id}'), a schema file ('location.json'), or a schema.
    const schema = typeof route !== 'string' ? route : route.startsWith('/') ? schemaOfPath(route) : route;
    expect(hsdsErrors(schema, body)).toEqual([]);
    return body;
  };

  beforeAll(async () => {
    graph = await startTestGraph();
    const [operator] = await graph.db('directory').query(
      `INSERT INTO directory.organization (name, kind, region_code, credit_code)
       VALUES ('洛江区爱邻舍社工服务中心', 'SOCIAL_WORK_AGENCY', '350504', '52350504MJ00000010') RETURNING id`,
    );
    ids.operator = operator.id;
    const [station] = await graph.db('neighbour-stations').query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address, operator_id, helps, amenities,
         coverage_radius_m, opening_schedule, opening_hours)
       VALUES ('洛阳桥驿站', 'VOLUNTEER_SERVICE', '350504001002', 24.9542, 118.6817, '万安街道桥南社区', $1, ARRAY['ELDERLY','MEDICAL'], ARRAY['FREE_TEA'],
         800, '[{"weekday":1,"periods":[{"opens":"08:30","closes":"12:00"},{"opens":"14:30","closes":"18:00"}]}]', '周一 08:30-12:00, 14:30-18:00')
       RETURNING id`,
      [ids.operator],
    );
    ids.station = station.id;
    const [rota] = await graph.db('neighbour-stations').query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address, helps)
       VALUES ('万安驿站', 'MUTUAL_AID', '350504001001', 24.95, 118.68, '万安街道', ARRAY['CHILDREN']) RETURNING id`,
    );
    ids.rotaStation = rota.id;
    const [canteen] = await graph.db('elder-canteens').query(
      `INSERT INTO elder_canteens.canteen (name, region_code, address, seats, meal_price_cents, serving_hours, operator_id)
       VALUES ('新港社区长者食堂', '350105001004', '新港路1号', 40, 1200, '11:00-12:30, 17:00-18:00', $1) RETURNING id`,
      [ids.operator],
    );
    ids.canteen = canteen.id;
  });
  afterAll(() => graph.stop());

  it('when an answer breaks the HSDS schema, then the validator says so (the checks below can fail)', () => {
    const page = { total_items: 1, total_pages: 1, page_number: 1, size: 1, first_page: true, last_page: true, empty: false };
    expect(hsdsErrors(schemaOfPath('/services'), { ...page, contents: [{ id: 'not-a-uuid', name: '驿站', status: 'open' }] })).toEqual(
      expect.arrayContaining(['/contents/0/id must match format "uuid"', '/contents/0/status must be equal to one of the allowed values']),
    );
    expect(hsdsErrors(schemaOfPath('/services/{id}'), { id: '8f7d7bde-1f0e-4b0a-9d5a-2b8b8b8b8b8b', name: 'x', status: 'active', schedules: [{}] })).toEqual([
      "/schedules/0 must have required property 'id'",
    ]);
  });

  it('when a client asks /hsds/, then it learns the HSDS version and where the openapi file is', async () => {
    const body = await valid('/hsds/', '/');
    expect(body.version).toBe('3.0');
  });

  it('when a client lists services, then the 金厝边 categories, the stations and the canteens come in HSDS pages', async () => {
    const body = await valid('/hsds/services?per_page=100', '/services');
    const names = body.contents.map((s: any) => s.name);
    expect(names).toEqual(expect.arrayContaining(['金厝边·助餐', '金厝边·探访', '洛阳桥驿站', '万安驿站', '新港社区长者食堂']));
    expect(body).toMatchObject({ total_items: 7, total_pages: 1, page_number: 1, size: 100, first_page: true, last_page: true, empty: false });

    const second = await valid('/hsds/services?per_page=5&page=2', '/services');
    expect(second).toMatchObject({ total_items: 7, total_pages: 2, page_number: 2, first_page: false, last_page: true, empty: false });
    expect(second.contents).toHaveLength(2);
    const beyond = await valid('/hsds/services?per_page=5&page=3', '/services');
    expect(beyond).toMatchObject({ empty: true, contents: [] });
  });

  it('when a client filters services by a taxonomy term or an organisation, then only those that carry it come', async () => {
    const terms = await valid('/hsds/taxonomy_terms?search=ELDERLY', '/taxonomy_terms');
    expect(terms.contents.map((t: any) => t.code)).toEqual(['HELP.ELDERLY']);
    const elderly = await valid(`/hsds/services?taxonomy_term_id=${terms.contents[0].id}`, '/services');
    expect(elderly.contents.map((s: any) => s.name)).toEqual(['洛阳桥驿站']);

    const meal = (await valid('/hsds/taxonomy_terms?search=CARE.MEAL', '/taxonomy_terms')).contents[0];
    const meals = await valid(`/hsds/services?taxonomy_term_id=${meal.id}`, '/services');
    expect(meals.contents.map((s: any) => s.name).sort()).toEqual(['新港社区长者食堂', '金厝边·助餐'].sort());

    const operated = await valid(`/hsds/services?organization_id=${ids.operator}`, '/services');
    expect(operated.contents.map((s: any) => s.name).sort()).toEqual(['新港社区长者食堂', '洛阳桥驿站'].sort());
  });

  it('when a client reads a station as a service, then its schedule, 15-minute service area, helps and operator come whole', async () => {
    const body = await valid(`/hsds/services/${ids.station}`, '/services/{id}');
    expect(body).toMatchObject({ id: ids.station, name: '洛阳桥驿站', status: 'active', organization_id: ids.operator });
    expect(body.organization).toMatchObject({ id: ids.operator, name: '洛江区爱邻舍社工服务中心' });
    expect(body.schedules.map((s: any) => [s.byday, s.opens_at, s.closes_at, s.timezone])).toEqual([
      ['MO', '08:30', '12:00', 8],
      ['MO', '14:30', '18:00', 8],
    ]);
    expect(body.service_areas[0]).toMatchObject({ name: '洛阳桥驿站 15分钟服务圈', extent_type: 'geojson' });
    const extent = JSON.parse(body.service_areas[0].extent);
    expect(extent.type).toBe('Polygon');
    expect(extent.coordinates[0][0]).toEqual(extent.coordinates[0][32]);
    expect(body.attributes.map((a: any) => a.taxonomy_term.code).sort()).toEqual(['AMENITY.FREE_TEA', 'HELP.ELDERLY', 'HELP.MEDICAL']);
    expect(body.service_at_locations[0].location).toMatchObject({ latitude: 24.9542, longitude: 118.6817, location_type: 'physical' });
    expect(body.service_at_locations[0].location.addresses[0]).toMatchObject({
      address_1: '万安街道桥南社区',
      city: '泉州市',
      region: '洛江区',
      country: 'CN',
    });
  });

  it('when a station has no opening schedule, then its hours are the duty rota half days on the days it opens', async () => {
    const body = await valid(`/hsds/services/${ids.rotaStation}`, '/services/{id}');
    expect(body.schedules.map((s: any) => `${s.opens_at}-${s.closes_at}`).sort()).toEqual(['08:30-12:00', '14:30-18:00']);
    expect(body.schedules[0].byday).toBe('MO,TU,WE,TH,FR,SA,SU');
  });

  it('when a client reads a canteen and a 金厝边 category, then each is a service with its hours or its area', async () => {
    const canteen = await valid(`/hsds/services/${ids.canteen}`, '/services/{id}');
    expect(canteen.schedules.map((s: any) => [s.opens_at, s.closes_at])).toEqual([
      ['11:00', '12:30'],
      ['17:00', '18:00'],
    ]);
    const care = (await valid('/hsds/services?search=金厝边', '/services')).contents[0];
    const full = await valid(`/hsds/services/${care.id}`, '/services/{id}');
    expect(full.service_areas[0].name).toBe('福州市');
  });

  it('when a client lists organisations and reads one, then the credit code is its identifier and its services are listed', async () => {
    const list = await valid('/hsds/organizations', '/organizations');
    expect(list.contents).toEqual([expect.objectContaining({ id: ids.operator, tax_id: '52350504MJ00000010' })]);
    const body = await valid(`/hsds/organizations/${ids.operator}`, '/organizations/{id}');
    expect(body.organization_identifiers).toEqual([
      expect.objectContaining({ identifier: '52350504MJ00000010', identifier_type: '统一社会信用代码 (GB 32100-2015)' }),
    ]);
    expect(body.services.map((s: any) => s.name).sort()).toEqual(['新港社区长者食堂', '洛阳桥驿站'].sort());
  });

  it('when a client lists locations and services at locations, then each station and canteen is one', async () => {
    const locations = await valid('/hsds/locations', {
      allOf: [{ $ref: 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json#Page' }],
      properties: { contents: { type: 'array', items: { $ref: 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/location.json' } } },
    });
    expect(locations.contents.map((l: any) => l.name).sort()).toEqual(['万安驿站', '新港社区长者食堂', '洛阳桥驿站'].sort());
    const at = await valid(`/hsds/service_at_locations?organization_id=${ids.operator}`, '/service_at_locations');
    expect(at.contents.map((s: any) => s.service.name).sort()).toEqual(['新港社区长者食堂', '洛阳桥驿站'].sort());
    const location = locations.contents.find((l: any) => l.name === '洛阳桥驿站');
    expect(await valid(`/hsds/locations/${location.id}`, 'location.json')).toEqual(location);
    // openapi.json names service.json for service_at_locations/{id} (a slip: a service at a location has no name or status); it is checked against its own schema.
    const one = await valid(`/hsds/service_at_locations/${at.contents[0].id}`, 'service_at_location.json');
    expect(one).toMatchObject({ id: at.contents[0].id, service_id: at.contents[0].service_id, location_id: at.contents[0].location_id });
    expect((await get(`/hsds/locations/${ids.station}`)).status).toBe(404);
  });

  it('when a client lists the taxonomy, then the five helps and four categories are terms under their groups', async () => {
    const taxonomies = await valid('/hsds/taxonomies', '/taxonomies');
    expect(taxonomies.contents).toHaveLength(1);
    await valid(`/hsds/taxonomies/${taxonomies.contents[0].id}`, '/taxonomies/{id}');
    const top = await valid('/hsds/taxonomy_terms?top_only=true', '/taxonomy_terms');
    expect(top.contents.map((t: any) => t.code)).toEqual(['HELP', 'CARE', 'AMENITY']);
    const helps = await valid(`/hsds/taxonomy_terms?parent_id=${top.contents[0].id}`, '/taxonomy_terms');
    expect(helps.contents.map((t: any) => t.name).sort()).toEqual(['助困', '助医', '助幼', '助教', '助老'].sort());
    const care = await valid(`/hsds/taxonomy_terms?parent_id=${top.contents[1].id}`, '/taxonomy_terms');
    expect(care.total_items).toBe(4);
    await valid(`/hsds/taxonomy_terms/${care.contents[0].id}`, '/taxonomy_terms/{id}');
  });

  it('when a client asks for an unknown record or a bad page, then 404 or 400 with a code', async () => {
    expect((await get('/hsds/services/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/hsds/services/not-a-uuid')).status).toBe(404);
    expect((await get('/hsds/organizations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await get('/hsds/services?per_page=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await get('/hsds/services?page=0')).status).toBe(400);
  });
});
