import { addDays, chinaToday } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { neighbourStations } from '../src/module';
import { caller, insertSlot, insertStation, insertUnit, newId, upcoming } from './arrange';
import { startDirectoryGateway } from './directoryGateway';

const STATION = `id name kind region { code } address latitude longitude openingHours openingSchedule { weekday periods { opens closes } }
  operator { id } amenities helps peopleCovered mode status closedOn eightHavesMet eightHaves { item met evidence evidenceUrl }`;
const CREATE = `mutation ($input: CreateStationInput!, $key: String) { createStation(input: $input, idempotencyKey: $key) { ${STATION} } }`;
const PROFILE = `mutation ($id: ID!, $input: StationProfileInput!) { updateStationProfile(id: $id, input: $input) { ${STATION} } }`;
const LOCATION = `mutation ($id: ID!, $lat: Float!, $lon: Float!) { setStationLocation(id: $id, latitude: $lat, longitude: $lon) { latitude longitude } }`;
const HOURS = `mutation ($id: ID!, $hours: [OpeningDayInput!]!) { setStationOpeningHours(id: $id, openingHours: $hours) { openingHours openingSchedule { weekday periods { opens closes } } } }`;
const AMENITIES = `mutation ($id: ID!, $amenities: [Amenity!]!) { setStationAmenities(id: $id, amenities: $amenities) { amenities } }`;
const HELPS = `mutation ($id: ID!, $helps: [HelpKind!]!) { setStationHelps(id: $id, helps: $helps) { helps } }`;
const OPERATOR = `mutation ($id: ID!, $op: ID) { setStationOperator(id: $id, operatorId: $op) { operator { id } } }`;
const HAVES = `mutation ($id: ID!, $haves: [EightHaveEvidenceInput!]!) { setStationEightHaves(id: $id, haves: $haves) { eightHavesMet eightHaves { item met evidence evidenceUrl } } }`;
const CLOSE = `mutation ($id: ID!, $on: Date) { closeStation(id: $id, closedOn: $on) { status closedOn } }`;
const PUBLISH = `mutation ($id: ID!, $from: Date!) { publishDutyRota(stationId: $id, from: $from, weeks: 1) { id } }`;
const PLACE = `mutation ($id: ID!) { placeStationOrder(stationId: $id, help: ELDERLY) { id } }`;

const COMMUNITY = '350504001001'; // 洛江区万安街道
const officer = () => caller(newId(), ['DISTRICT_OFFICER'], '350504');
const weekdays = (periods: [string, string][]) =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: periods.map(([opens, closes]) => ({ opens, closes })) }));

let n = 0;
const input = (overrides: Record<string, unknown> = {}) => ({
  name: `万安社区志愿服务驿站${++n}`,
  kind: 'VOLUNTEER_SERVICE',
  regionCode: COMMUNITY,
  latitude: 24.9452,
  longitude: 118.6705,
  address: '洛江区万安街道万安社区服务中心一楼',
  peopleCovered: 3200,
  ...overrides,
});

describe('the station registry', () => {
  let graph: SubgraphHarness;
  let gateway: Awaited<ReturnType<typeof startDirectoryGateway>>;
  beforeAll(async () => {
    gateway = await startDirectoryGateway();
    graph = await startSubgraphHarness(neighbourStations, gateway.url);
  });
  afterAll(async () => {
    await graph.stop();
    await gateway.stop();
  });

  const error = (response: { body: any }) => response.body.errors?.[0]?.extensions;
  const stationCount = async (name: string) => (await graph.db.query(`SELECT count(*)::int AS n FROM neighbour_stations.station WHERE name = $1`, [name]))[0].n;

  it('when an officer opens a station in its district, then it is open with its profile, default hours and all five helps', async () => {
    const operatorId = newId();
    gateway.organizations.add(operatorId);
    const { body } = await graph.query(CREATE, { input: input({ operatorId, amenities: ['FREE_TEA', 'CONSULTATION'], mode: 'PARALLEL' }) }, officer());
    expect(body.errors).toBeUndefined();
    expect(body.data.createStation).toMatchObject({
      kind: 'VOLUNTEER_SERVICE',
      region: { code: COMMUNITY },
      latitude: 24.9452,
      longitude: 118.6705,
      operator: { id: operatorId },
      amenities: ['CONSULTATION', 'FREE_TEA'],
      helps: ['CHILDREN', 'EDUCATION', 'MEDICAL', 'ELDERLY', 'HARDSHIP'],
      peopleCovered: 3200,
      mode: 'PARALLEL',
      status: 'OPEN',
      closedOn: null,
      eightHavesMet: 0,
      openingHours: '08:30-12:00, 14:30-18:00',
      openingSchedule: [],
    });
  });

  it.each([
    ['a position outside Fujian', { latitude: 31.23 }, 'input.latitude'],
    ['a longitude outside Fujian', { longitude: 121.47 }, 'input.longitude'],
    ['a street instead of a community', { regionCode: '350504001' }, 'input.regionCode'],
    ['a blank name', { name: '  ' }, 'input.name'],
    ['a negative count of people', { peopleCovered: -1 }, 'input.peopleCovered'],
    ['an amenity twice', { amenities: ['FREE_TEA', 'FREE_TEA'] }, 'input.amenities'],
    ['no help at all', { helps: [] }, 'input.helps'],
    ['hours that close before they open', { openingHours: weekdays([['18:00', '08:30']]) }, 'input.openingHours[0].periods[0].closes'],
    ['a time that is not HH:MM', { openingHours: weekdays([['8.30', '12:00']]) }, 'input.openingHours[0].periods[0].opens'],
    ['evidence without text', { eightHaves: [{ item: 'VENUE', text: ' ' }] }, 'input.eightHaves[0].text'],
    ['evidence with a URL that is not http', { eightHaves: [{ item: 'VENUE', text: '社区一楼', url: 'javascript:alert(1)' }] }, 'input.eightHaves[0].url'],
    [
      'an item twice',
      {
        eightHaves: [
          { item: 'VENUE', text: 'a' },
          { item: 'VENUE', text: 'b' },
        ],
      },
      'input.eightHaves[1].item',
    ],
    ['an operator id that is not a UUID', { operatorId: 'x' }, 'input.operatorId'],
  ])('when a station is opened with %s, then BAD_USER_INPUT names the argument and nothing is stored', async (_what, overrides, argument) => {
    const station = input(overrides);
    const response = await graph.query(CREATE, { input: station }, officer());
    expect(error(response)).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(await stationCount(station.name as string)).toBe(0);
  });

  it('when an operator is unknown to the directory, then NOT_FOUND and nothing is stored', async () => {
    const station = input({ operatorId: newId() });
    expect(error(await graph.query(CREATE, { input: station }, officer()))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await stationCount(station.name)).toBe(0);
  });

  it('when the directory knows no such community, then NOT_FOUND and nothing is stored', async () => {
    gateway.unknownCommunities.add('350504001999');
    const station = input({ regionCode: '350504001999' });
    expect(error(await graph.query(CREATE, { input: station }, officer()))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await stationCount(station.name)).toBe(0);
  });

  it('when an officer opens a station outside its region, then FORBIDDEN by officerOfStationRegion; a city administrator may anywhere', async () => {
    const mawei = input({ regionCode: '350105001004', latitude: 26.0, longitude: 119.45 });
    expect(error(await graph.query(CREATE, { input: mawei }, officer()))).toMatchObject({ code: 'FORBIDDEN', rule: 'officerOfStationRegion' });
    const admin = caller(newId(), ['CITY_ADMIN']);
    expect((await graph.query(CREATE, { input: mawei }, admin)).body.data.createStation.region.code).toBe('350105001004');
  });

  it('when an officer changes or closes a station outside its region, then FORBIDDEN by stationStaff', async () => {
    const id = await insertStation(graph.db, { regionCode: '350105001004' });
    expect(error(await graph.query(AMENITIES, { id, amenities: ['FREE_TEA'] }, officer()))).toMatchObject({ code: 'FORBIDDEN', rule: 'stationStaff' });
    expect(error(await graph.query(CLOSE, { id }, officer()))).toMatchObject({ code: 'FORBIDDEN', rule: 'stationStaff' });
  });

  it("when a station manager keeps its own station, then it may change it; not another's, and it may neither open nor close one", async () => {
    const managerId = newId();
    const manager = caller(managerId, ['STATION_MANAGER'], '350504');
    const own = await insertStation(graph.db, { managers: [managerId] });
    const other = await insertStation(graph.db, { name: '他站', managers: [newId()] });
    expect((await graph.query(AMENITIES, { id: own, amenities: ['UMBRELLA_LENDING', 'FREE_TEA'] }, manager)).body.data.setStationAmenities.amenities).toEqual([
      'FREE_TEA',
      'UMBRELLA_LENDING',
    ]);
    expect((await graph.query(HELPS, { id: own, helps: ['ELDERLY', 'MEDICAL'] }, manager)).body.data.setStationHelps.helps).toEqual(['MEDICAL', 'ELDERLY']);
    expect((await graph.query(LOCATION, { id: own, lat: 24.95, lon: 118.68 }, manager)).body.data.setStationLocation).toEqual({
      latitude: 24.95,
      longitude: 118.68,
    });
    const renamed = await graph.query(PROFILE, { id: own, input: { name: '万安新驿站', address: '万安路1号' } }, manager);
    expect(renamed.body.data.updateStationProfile).toMatchObject({ name: '万安新驿站', address: '万安路1号', kind: 'VOLUNTEER_SERVICE' });
    const operatorId = newId();
    gateway.organizations.add(operatorId);
    expect((await graph.query(OPERATOR, { id: own, op: operatorId }, manager)).body.data.setStationOperator.operator).toEqual({ id: operatorId });
    expect((await graph.query(OPERATOR, { id: own, op: null }, manager)).body.data.setStationOperator.operator).toBeNull();

    expect(error(await graph.query(AMENITIES, { id: other, amenities: ['FREE_TEA'] }, manager))).toMatchObject({ code: 'FORBIDDEN', rule: 'stationStaff' });
    expect(error(await graph.query(CREATE, { input: input() }, manager))).toMatchObject({ code: 'FORBIDDEN' });
    expect(error(await graph.query(CLOSE, { id: own }, manager))).toMatchObject({ code: 'FORBIDDEN' });
    for (const role of ['ANALYST', 'VOLUNTEER'] as const) {
      expect(error(await graph.query(AMENITIES, { id: own, amenities: [] }, caller(newId(), [role], '35')))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('when a station is opened twice with one key, then one station; other arguments with that key are CONFLICT; a duplicate name without a key is CONFLICT naming the first', async () => {
    const who = officer();
    const station = input();
    const first = (await graph.query(CREATE, { input: station, key: 'open-wanan' }, who)).body.data.createStation;
    const again = (await graph.query(CREATE, { input: station, key: 'open-wanan' }, who)).body.data.createStation;
    expect(again.id).toBe(first.id);
    expect(await stationCount(station.name)).toBe(1);
    expect(error(await graph.query(CREATE, { input: { ...station, peopleCovered: 1 }, key: 'open-wanan' }, who))).toMatchObject({
      code: 'CONFLICT',
      idempotencyKey: 'open-wanan',
    });
    const duplicate = await graph.query(CREATE, { input: station }, officer());
    expect(error(duplicate)).toMatchObject({ code: 'CONFLICT', existingId: first.id });
    expect(duplicate.body.errors[0].message).toContain(first.id);
    // Renaming another station to the name is the same duplicate.
    const other = (await graph.query(CREATE, { input: input() }, who)).body.data.createStation;
    expect(error(await graph.query(PROFILE, { id: other.id, input: { name: station.name } }, who))).toMatchObject({ code: 'CONFLICT', existingId: first.id });
    // Once the first is closed, the name is free in the community again.
    await graph.query(CLOSE, { id: first.id }, who);
    expect((await graph.query(CREATE, { input: station }, who)).body.data.createStation.status).toBe('OPEN');
  });

  it('when a station is closed, then it keeps its closing date, publishes no rota, takes no orders and no changes; closing again returns it', async () => {
    const who = officer();
    const { id } = (await graph.query(CREATE, { input: input() }, who)).body.data.createStation;
    expect((await graph.query(PUBLISH, { id, from: addDays(chinaToday(), 1) }, who)).body.errors).toBeUndefined();
    const yesterday = addDays(chinaToday(), -1);
    expect(error(await graph.query(CLOSE, { id, on: addDays(chinaToday(), 2) }, who))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'closedOn' });
    expect((await graph.query(CLOSE, { id, on: yesterday }, who)).body.data.closeStation).toEqual({ status: 'CLOSED', closedOn: yesterday });
    // Its unclaimed future slots are withdrawn; the station itself is kept.
    expect((await graph.db.query(`SELECT count(*)::int AS n FROM neighbour_stations.duty_slot WHERE station_id = $1`, [id]))[0].n).toBe(0);
    expect(error(await graph.query(PUBLISH, { id, from: addDays(chinaToday(), 1) }, who))).toMatchObject({ code: 'CONFLICT' });
    expect(error(await graph.query(PLACE, { id }, caller(newId(), ['VOLUNTEER'], '350504'))).code).toBe('CONFLICT');
    expect(error(await graph.query(AMENITIES, { id, amenities: ['FREE_TEA'] }, who)).code).toBe('CONFLICT');
    expect((await graph.query(CLOSE, { id }, who)).body.data.closeStation).toEqual({ status: 'CLOSED', closedOn: yesterday });
    expect((await graph.query(`query ($id: ID!) { station(id: $id) { status closedOn } }`, { id })).body.data.station).toEqual({
      status: 'CLOSED',
      closedOn: yesterday,
    });
  });

  it('when a slot of a closed station is claimed, then CONFLICT: a closed station takes no duty', async () => {
    const stationId = await insertStation(graph.db, { status: 'CLOSED' });
    const date = upcoming('weekday');
    const slotId = await insertSlot(graph.db, stationId, { date, startsAt: new Date(`${date}T08:30:00+08:00`), endsAt: new Date(`${date}T12:00:00+08:00`) });
    const memberId = newId();
    const unitId = await insertUnit(graph.db, 'GOVERNMENT_UNIT', '350504', [memberId]);
    const claim = await graph.query(
      `mutation ($id: ID!, $org: ID!) { claimDutySlot(id: $id, organizationId: $org) { id } }`,
      { id: slotId, org: unitId },
      caller(memberId, ['VOLUNTEER'], '350504'),
    );
    expect(error(claim).code).toBe('CONFLICT');
  });

  it('when the eight haves are recorded with evidence, then each reads back with its text and URL, and setting them again replaces the checklist', async () => {
    const who = officer();
    const haves = [
      { item: 'RULES', text: '《驿站管理制度》上墙', url: 'https://example.gov.cn/wanan/rules.pdf' },
      { item: 'FIXED_HOURS', text: '门口公示开放时间牌' },
    ];
    const created = (await graph.query(CREATE, { input: input({ eightHaves: haves }) }, who)).body.data.createStation;
    expect(created.eightHavesMet).toBe(2);
    expect(created.eightHaves.map((c: any) => c.item)).toEqual(['FIXED_HOURS', 'FIXED_STAFF', 'VENUE', 'SIGNAGE', 'TEAM', 'ACTIVITIES', 'ARCHIVES', 'RULES']);
    expect(created.eightHaves[0]).toEqual({ item: 'FIXED_HOURS', met: true, evidence: '门口公示开放时间牌', evidenceUrl: null });
    expect(created.eightHaves[7]).toEqual({
      item: 'RULES',
      met: true,
      evidence: '《驿站管理制度》上墙',
      evidenceUrl: 'https://example.gov.cn/wanan/rules.pdf',
    });
    expect(created.eightHaves[1]).toEqual({ item: 'FIXED_STAFF', met: false, evidence: null, evidenceUrl: null });

    const replaced = (
      await graph.query(HAVES, { id: created.id, haves: [{ item: 'VENUE', text: '社区服务中心一楼 60㎡', url: 'http://example.gov.cn/v.jpg' }] }, who)
    ).body.data.setStationEightHaves;
    expect(replaced.eightHavesMet).toBe(1);
    expect(replaced.eightHaves.filter((c: any) => c.met)).toEqual([
      { item: 'VENUE', met: true, evidence: '社区服务中心一楼 60㎡', evidenceUrl: 'http://example.gov.cn/v.jpg' },
    ]);
    expect(error(await graph.query(HAVES, { id: created.id, haves: [{ item: 'TEAM', text: 'x'.repeat(501) }] }, who))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'haves[0].text',
    });
  });

  it('when opening hours are set, then the schedule is kept by weekday and the posted text follows it', async () => {
    const who = officer();
    const { id } = (await graph.query(CREATE, { input: input() }, who)).body.data.createStation;
    const hours = [
      { weekday: 6, periods: [{ opens: '09:00', closes: '12:00' }] },
      ...weekdays([
        ['08:30', '12:00'],
        ['14:30', '18:00'],
      ]),
    ];
    const set = (await graph.query(HOURS, { id, hours }, who)).body.data.setStationOpeningHours;
    expect(set.openingHours).toBe('周一至周五 08:30-12:00, 14:30-18:00; 周六 09:00-12:00');
    expect(set.openingSchedule.map((d: any) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(set.openingSchedule[5]).toEqual({ weekday: 6, periods: [{ opens: '09:00', closes: '12:00' }] });
    const overlapping = [
      {
        weekday: 1,
        periods: [
          { opens: '08:00', closes: '12:00' },
          { opens: '11:00', closes: '13:00' },
        ],
      },
    ];
    expect(error(await graph.query(HOURS, { id, hours: overlapping }, who))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'openingHours[0].periods[1].opens',
    });
    expect(error(await graph.query(HOURS, { id, hours: [{ weekday: 0, periods: [{ opens: '08:00', closes: '12:00' }] }] }, who))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'openingHours[0].weekday',
    });
  });
});
