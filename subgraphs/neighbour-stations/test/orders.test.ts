import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import type { Identity } from '@civic/shared';
import { neighbourStations } from '../src/module';
import { caller, insertStation, newId } from './arrange';

const ORDER = 'id status rating help note resident { id } volunteer { id } team { name } history { status by { id } at }';
const PLACE = `mutation ($station: ID!, $help: HelpKind!, $note: String, $key: String) {
  placeStationOrder(stationId: $station, help: $help, note: $note, idempotencyKey: $key) { ${ORDER} } }`;
const step = (name: string, extra = '') => `mutation ($id: ID! ${extra ? `, ${extra}` : ''}) {
  ${name}(id: $id${extra.includes('$volunteer') ? ', volunteerId: $volunteer' : ''}${extra.includes('$rating') ? ', rating: $rating' : ''}) { ${ORDER} } }`;
const DISPATCH = step('dispatchStationOrder', '$volunteer: ID!');
const ACCEPT = step('acceptStationOrder');
const COMPLETE = step('completeStationOrder');
const RATE = step('rateStationOrder', '$rating: Int!');
const CANCEL = step('cancelStationOrder');

describe('the serial order flow', () => {
  let graph: SubgraphHarness;
  const managerId = newId();
  const manager = caller(managerId, ['STATION_MANAGER'], '350504');
  const resident = caller(newId(), ['VOLUNTEER'], '350504');
  const volunteer = caller(newId(), ['VOLUNTEER'], '350504');
  let stationId: string;
  beforeAll(async () => {
    graph = await startSubgraphHarness(neighbourStations);
    stationId = await insertStation(graph.db, { name: '新民村驿站', regionCode: '350504101220', managers: [managerId] });
  });
  afterAll(() => graph.stop());

  const code = (response: { body: any }) => response.body.errors?.[0].extensions.code;
  const statusOf = async (id: string) => (await graph.db.query(`SELECT status FROM neighbour_stations.station_order WHERE id = $1`, [id]))[0].status;
  async function placed(): Promise<string> {
    const { body } = await graph.query(PLACE, { station: stationId, help: 'ELDERLY', note: '帮忙买菜' }, resident);
    return body.data.placeStationOrder.id;
  }
  async function walkTo(status: 'DISPATCHED' | 'ACCEPTED' | 'COMPLETED'): Promise<string> {
    const id = await placed();
    await graph.query(DISPATCH, { id, volunteer: volunteer.sub }, manager);
    if (status !== 'DISPATCHED') await graph.query(ACCEPT, { id }, volunteer);
    if (status === 'COMPLETED') await graph.query(COMPLETE, { id }, volunteer);
    return id;
  }

  it('when each actor takes their step, then the order is PLACED, DISPATCHED, ACCEPTED, COMPLETED and RATED, each step recorded', async () => {
    const first = await graph.query(PLACE, { station: stationId, help: 'ELDERLY', note: '帮忙买菜' }, resident);
    const order = first.body.data.placeStationOrder;
    expect(order).toMatchObject({ status: 'PLACED', help: 'ELDERLY', note: '帮忙买菜', resident: { id: resident.sub }, volunteer: null });
    const id = order.id;
    expect((await graph.query(DISPATCH, { id, volunteer: volunteer.sub }, manager)).body.data.dispatchStationOrder).toMatchObject({
      status: 'DISPATCHED',
      volunteer: { id: volunteer.sub },
    });
    expect((await graph.query(ACCEPT, { id }, volunteer)).body.data.acceptStationOrder.status).toBe('ACCEPTED');
    expect((await graph.query(COMPLETE, { id }, volunteer)).body.data.completeStationOrder.status).toBe('COMPLETED');
    const rated = (await graph.query(RATE, { id, rating: 5 }, resident)).body.data.rateStationOrder;
    expect(rated).toMatchObject({ status: 'RATED', rating: 5 });
    expect(rated.history.map((s: any) => [s.status, s.by.id])).toEqual([
      ['PLACED', resident.sub],
      ['DISPATCHED', managerId],
      ['ACCEPTED', volunteer.sub],
      ['COMPLETED', volunteer.sub],
      ['RATED', resident.sub],
    ]);
  });

  it.each<[string, string, () => Identity, 'DISPATCHED' | 'ACCEPTED' | 'COMPLETED' | null]>([
    ['dispatch by the resident', DISPATCH, () => resident, null],
    ['dispatch by a manager of another station', DISPATCH, () => caller(newId(), ['STATION_MANAGER'], '350504'), null],
    ['dispatch by an officer of another district', DISPATCH, () => caller(newId(), ['DISTRICT_OFFICER'], '350105'), null],
    ['accept by another volunteer', ACCEPT, () => caller(newId(), ['VOLUNTEER'], '350504'), 'DISPATCHED'],
    ['accept by the manager', ACCEPT, () => manager, 'DISPATCHED'],
    ['complete by the resident', COMPLETE, () => resident, 'ACCEPTED'],
    ['rate by the volunteer', RATE, () => volunteer, 'COMPLETED'],
    ['cancel by the volunteer', CANCEL, () => volunteer, 'DISPATCHED'],
  ])('when %s is tried, then FORBIDDEN and the order stays as it was', async (_, mutation, who, at) => {
    const id = at ? await walkTo(at) : await placed();
    const { body } = await graph.query(mutation, { id, volunteer: volunteer.sub, rating: 4 }, who());
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await statusOf(id)).toBe(at ?? 'PLACED');
  });

  it('when a step is taken from the wrong state, then CONFLICT and nothing changes', async () => {
    const id = await placed();
    expect(code(await graph.query(RATE, { id, rating: 3 }, resident))).toBe('CONFLICT');
    const dispatched = await walkTo('DISPATCHED');
    expect(code(await graph.query(COMPLETE, { id: dispatched }, volunteer))).toBe('CONFLICT');
    const done = await walkTo('COMPLETED');
    expect(code(await graph.query(CANCEL, { id: done }, resident))).toBe('CONFLICT');
    expect(code(await graph.query(DISPATCH, { id: done, volunteer: newId() }, manager))).toBe('CONFLICT');
    expect([await statusOf(id), await statusOf(dispatched), await statusOf(done)]).toEqual(['PLACED', 'DISPATCHED', 'COMPLETED']);
  });

  it('when a district officer or a city admin dispatches, then they may; the resident may cancel', async () => {
    const byOfficer = await placed();
    const officer = caller(newId(), ['DISTRICT_OFFICER'], '350504');
    expect((await graph.query(DISPATCH, { id: byOfficer, volunteer: volunteer.sub }, officer)).body.data.dispatchStationOrder.status).toBe('DISPATCHED');
    const byAdmin = await placed();
    const admin = caller(newId(), ['CITY_ADMIN']);
    expect((await graph.query(DISPATCH, { id: byAdmin, volunteer: volunteer.sub }, admin)).body.data.dispatchStationOrder.status).toBe('DISPATCHED');
    expect((await graph.query(CANCEL, { id: byAdmin }, resident)).body.data.cancelStationOrder.status).toBe('CANCELLED');
  });

  it('when a mutation is retried, then it does its work once', async () => {
    const key = newId();
    const a = await graph.query(PLACE, { station: stationId, help: 'MEDICAL', key }, resident);
    const b = await graph.query(PLACE, { station: stationId, help: 'MEDICAL', key }, resident);
    expect(b.body.data.placeStationOrder.id).toBe(a.body.data.placeStationOrder.id);
    const id = a.body.data.placeStationOrder.id;
    await graph.query(DISPATCH, { id, volunteer: volunteer.sub }, manager);
    const again = await graph.query(DISPATCH, { id, volunteer: volunteer.sub }, manager);
    expect(again.body.data.dispatchStationOrder.history).toHaveLength(2);
  });

  it('when an analyst or a partner places, rates or cancels an order, then FORBIDDEN and nothing is stored', async () => {
    const analyst = caller(newId(), ['ANALYST'], '35');
    const partner: Identity = { ...caller(newId(), ['PARTNER'], '350504'), partner: 'elder-canteens' };
    const [{ before }] = await graph.db.query(`SELECT count(*)::int AS before FROM neighbour_stations.station_order`);
    for (const who of [analyst, partner]) expect(code(await graph.query(PLACE, { station: stationId, help: 'ELDERLY' }, who))).toBe('FORBIDDEN');
    const [{ after }] = await graph.db.query(`SELECT count(*)::int AS after FROM neighbour_stations.station_order`);
    expect(after).toBe(before);
    const done = await walkTo('COMPLETED');
    expect(code(await graph.query(RATE, { id: done, rating: 5 }, analyst))).toBe('FORBIDDEN');
    expect(code(await graph.query(CANCEL, { id: await placed() }, analyst))).toBe('FORBIDDEN');
    expect(await statusOf(done)).toBe('COMPLETED');
  });

  it('when the input is bad or unknown, then BAD_USER_INPUT, NOT_FOUND or UNAUTHENTICATED', async () => {
    expect(code(await graph.query(PLACE, { station: stationId, help: 'ELDERLY' }))).toBe('UNAUTHENTICATED');
    expect(code(await graph.query(PLACE, { station: newId(), help: 'ELDERLY' }, resident))).toBe('NOT_FOUND');
    expect(code(await graph.query(PLACE, { station: 'nope', help: 'ELDERLY' }, resident))).toBe('BAD_USER_INPUT');
    expect(code(await graph.query(PLACE, { station: stationId, help: 'ELDERLY', note: '长'.repeat(501) }, resident))).toBe('BAD_USER_INPUT');
    const limited = await insertStation(graph.db, { helps: ['CHILDREN'] });
    expect((await graph.query(PLACE, { station: limited, help: 'MEDICAL' }, resident)).body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'help',
    });
    const closed = await insertStation(graph.db, { status: 'CLOSED' });
    expect(code(await graph.query(PLACE, { station: closed, help: 'ELDERLY' }, resident))).toBe('CONFLICT');
    expect(code(await graph.query(ACCEPT, { id: newId() }, volunteer))).toBe('NOT_FOUND');
    const done = await walkTo('COMPLETED');
    expect((await graph.query(RATE, { id: done, rating: 6 }, resident)).body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'rating',
    });
    expect(await statusOf(done)).toBe('COMPLETED');
  });

  it('when an order is read, then only its resident, its volunteer and the staff see it', async () => {
    const id = await walkTo('DISPATCHED');
    const READ = `query ($id: ID!) { stationOrder(id: $id) { id status } }`;
    for (const who of [resident, volunteer, manager]) {
      expect((await graph.query(READ, { id }, who)).body.data.stationOrder).toEqual({ id, status: 'DISPATCHED' });
    }
    expect((await graph.query(READ, { id })).body.data.stationOrder).toBeNull();
    expect((await graph.query(READ, { id }, caller(newId(), ['VOLUNTEER'], '350504'))).body.data.stationOrder).toBeNull();
    const entity = await graph.query(
      `query ($id: ID!) { _entities(representations: [{ __typename: "StationOrder", id: $id }]) {
      ... on StationOrder { status } } }`,
      { id },
    );
    expect(entity.body.data._entities).toEqual([null]);
  });

  it("when the staff list a station's orders, then they page through them; others are refused", async () => {
    const station = await insertStation(graph.db, { managers: [managerId] });
    for (const help of ['CHILDREN', 'EDUCATION', 'MEDICAL']) await graph.query(PLACE, { station, help }, resident);
    const LIST = `query ($id: ID!, $after: String) { stationOrders(stationId: $id, status: PLACED, first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { help } } } }`;
    const first = (await graph.query(LIST, { id: station }, manager)).body.data.stationOrders;
    const second = (await graph.query(LIST, { id: station, after: first.pageInfo.endCursor }, manager)).body.data.stationOrders;
    expect(first.totalCount).toBe(3);
    expect([...first.edges, ...second.edges].map((e: any) => e.node.help)).toEqual(['CHILDREN', 'EDUCATION', 'MEDICAL']);
    expect(code(await graph.query(LIST, { id: station }, volunteer))).toBe('FORBIDDEN');
  });

  describe('parallel mode', () => {
    it('when a station works by teams, then an order goes to the team for its help and only its members take it', async () => {
      const station = await insertStation(graph.db, { name: '永安村驿站', regionCode: '350504101211', mode: 'PARALLEL', managers: [managerId] });
      const [{ id: teamId }] = await graph.db.query(
        `INSERT INTO neighbour_stations.station_team (station_id, name, serves) VALUES ($1, '夕阳生辉', 'ELDERLY'), ($1, '青年突击', 'EDUCATION') RETURNING id`,
        [station],
      );
      await graph.db.query(`INSERT INTO neighbour_stations.station_team_member (team_id, person_id) VALUES ($1, $2)`, [teamId, volunteer.sub]);
      const teams = await graph.query(`query ($id: ID!) { station(id: $id) { mode teams { name serves members { id } } } }`, { id: station });
      expect(teams.body.data.station).toEqual({
        mode: 'PARALLEL',
        teams: [
          { name: '夕阳生辉', serves: 'ELDERLY', members: [{ id: volunteer.sub }] },
          { name: '青年突击', serves: 'EDUCATION', members: [] },
        ],
      });
      const order = (await graph.query(PLACE, { station, help: 'ELDERLY' }, resident)).body.data.placeStationOrder;
      expect(order.team).toEqual({ name: '夕阳生辉' });
      const outsider = await graph.query(DISPATCH, { id: order.id, volunteer: newId() }, manager);
      expect(outsider.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'volunteerId' });
      expect((await graph.query(DISPATCH, { id: order.id, volunteer: volunteer.sub }, manager)).body.data.dispatchStationOrder.status).toBe('DISPATCHED');
    });
  });
});
