import { randomUUID } from 'node:crypto';
import { startTestGraph, TestGraph } from './harness';

const COMMUNITY = '350504001002'; // 桥南社区, 洛江区万安街道
const STATS = `query ($code: ID!) { region(code: $code) { stationStats { stations } } }`;
const OPEN = `mutation ($input: CreateStationInput!, $key: String) { createStation(input: $input, idempotencyKey: $key) {
  id name status region { name } operator { id name } openingHours eightHavesMet eightHaves { item met evidence evidenceUrl } } }`;
const AMENITIES = `mutation ($id: ID!, $a: [Amenity!]!) { setStationAmenities(id: $id, amenities: $a) { amenities } }`;
const CLOSE = `mutation ($id: ID!) { closeStation(id: $id) { status closedOn } }`;
const PLACE = `mutation ($id: ID!) { placeStationOrder(stationId: $id, help: ELDERLY) { id } }`;

/**
 * Issue 14's station registry through the gateway alone: a district officer opens a
 * station with its eight haves and opening hours (the operator confirmed with the
 * directory through the graph), its manager keeps its amenities, the officer closes
 * it, and the district's station count follows each step.
 */
describe('a station opened, kept and closed through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(() => graph.stop());

  const stations = async (code: string) => {
    // exact counts, as the region's officers and the city's administrators see them
    const { body } = await graph.query(STATS, { code }, await graph.token(['CITY_ADMIN'], '35'));
    expect(body.errors).toBeUndefined();
    return body.data.region.stationStats.stations as number;
  };

  it('when an officer opens a station, its manager changes its amenities and the officer closes it, then Region.stationStats follows', async () => {
    const [operator] = await graph
      .db('directory')
      .query(`INSERT INTO directory.organization (name, kind, region_code) VALUES ('洛江区爱邻舍社工服务中心', 'SOCIAL_WORK_AGENCY', '350504') RETURNING id`);
    const officer = await graph.token(['DISTRICT_OFFICER'], '350504', randomUUID());
    const before = { district: await stations('350504'), city: await stations('3505') };

    const input = {
      name: '桥南社区志愿服务驿站',
      kind: 'VOLUNTEER_SERVICE',
      regionCode: COMMUNITY,
      latitude: 24.9542,
      longitude: 118.6817,
      address: '洛江区万安街道桥南社区服务中心一楼',
      operatorId: operator.id,
      peopleCovered: 4100,
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        periods: [
          { opens: '08:30', closes: '12:00' },
          { opens: '14:30', closes: '18:00' },
        ],
      })),
      eightHaves: [
        { item: 'FIXED_HOURS', text: '门口公示开放时间' },
        { item: 'FIXED_STAFF', text: '站长陈某, 每日值守' },
        { item: 'VENUE', text: '社区服务中心一楼 80㎡', url: 'https://example.gov.cn/qiaonan/venue.jpg' },
        { item: 'SIGNAGE', text: '统一标识牌' },
        { item: 'TEAM', text: '桥南志愿服务队 32 人' },
        { item: 'ACTIVITIES', text: '每周六便民服务' },
        { item: 'ARCHIVES', text: '服务台账' },
        { item: 'RULES', text: '《驿站管理制度》上墙' },
      ],
    };
    const opened = await graph.query(OPEN, { input, key: 'open-qiaonan' }, officer);
    expect(opened.body.errors).toBeUndefined();
    const station = opened.body.data.createStation;
    expect(station).toMatchObject({
      status: 'OPEN',
      region: { name: '桥南社区居委会' },
      operator: { id: operator.id, name: '洛江区爱邻舍社工服务中心' },
      openingHours: '周一至周日 08:30-12:00, 14:30-18:00',
      eightHavesMet: 8,
    });
    expect(station.eightHaves[2]).toEqual({
      item: 'VENUE',
      met: true,
      evidence: '社区服务中心一楼 80㎡',
      evidenceUrl: 'https://example.gov.cn/qiaonan/venue.jpg',
    });
    expect(await stations('350504')).toBe(before.district + 1);
    expect(await stations('3505')).toBe(before.city + 1);
    // The retry of a lost answer returns the same station.
    expect((await graph.query(OPEN, { input, key: 'open-qiaonan' }, officer)).body.data.createStation.id).toBe(station.id);
    expect(await stations('350504')).toBe(before.district + 1);
    // An operator the directory does not know is refused through the same path.
    const unknown = await graph.query(OPEN, { input: { ...input, name: '另一驿站', operatorId: randomUUID() } }, officer);
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
    // So is a community code the directory does not hold (a street's code with a made-up community).
    const nowhere = await graph.query(OPEN, { input: { ...input, name: '另一驿站', regionCode: '350504001999', operatorId: null } }, officer);
    expect(nowhere.body.errors[0].extensions.code).toBe('NOT_FOUND');

    const managerId = randomUUID();
    await graph
      .db('neighbour-stations')
      .query(`INSERT INTO neighbour_stations.station_manager (station_id, person_id) VALUES ($1, $2)`, [station.id, managerId]);
    const manager = await graph.token(['STATION_MANAGER'], '350504', managerId);
    const kept = await graph.query(AMENITIES, { id: station.id, a: ['FREE_TEA', 'FIRST_AID_KIT', 'PHONE_CHARGING'] }, manager);
    expect(kept.body.data.setStationAmenities.amenities).toEqual(['FREE_TEA', 'FIRST_AID_KIT', 'PHONE_CHARGING']);
    expect((await graph.query(CLOSE, { id: station.id }, manager)).body.errors[0].extensions.code).toBe('FORBIDDEN');

    const closed = await graph.query(CLOSE, { id: station.id }, officer);
    expect(closed.body.data.closeStation.status).toBe('CLOSED');
    expect(closed.body.data.closeStation.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await stations('350504')).toBe(before.district);
    expect(await stations('3505')).toBe(before.city);
    const resident = await graph.token(['VOLUNTEER'], '350504', randomUUID());
    expect((await graph.query(PLACE, { id: station.id }, resident)).body.errors[0].extensions.code).toBe('CONFLICT');
  });
});
