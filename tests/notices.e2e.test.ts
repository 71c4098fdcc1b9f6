import { createDataSource, feedDelivery, relayNotices, subgraphSecret, type OutgoingNotice } from '@civic/shared';
import { startTestGraph, TestGraph } from './harness';

const XINGANG = '350105001004'; // 马尾区罗星街道新港社区
const PLACE = `mutation ($e: ID!) { requestService(elderId: $e, category: MEAL, mode: VOLUNTEER_CLAIM) { id } }`;
const CLAIM = `mutation ($id: ID!) { claimServiceRequest(id: $id) { id status } }`;
const COMPLETE = `mutation ($id: ID!) { completeServiceRequest(id: $id, hours: 1.5) { id status } }`;
const CANCEL = `mutation ($id: ID!) { cancelServiceRequest(id: $id) { id status } }`;
const NOTICES = `query ($id: ID!, $unread: Boolean) { person(id: $id) { notices(first: 50, unreadOnly: $unread) {
  totalCount edges { node { id kind subjectType subjectId text source readAt } } } } }`;
const READ = `mutation ($id: ID!) { markNoticeRead(id: $id) { id readAt } }`;
const DELIVER = `mutation ($n: [NoticeDelivery!]!) { deliverNotices(notices: $n) }`;
const codeOf = (body: any) => body.errors?.[0]?.extensions?.code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('notices from a change to the person who must hear of it', () => {
  let graph: TestGraph;
  let elder: { id: string; personId: string };
  let carer: string;
  let volunteer: string;
  const as = (sub: string) => graph.token(['VOLUNTEER'], XINGANG, sub);
  const feedOf = async (person: string, unread?: boolean) => (await graph.query(NOTICES, { id: person, unread }, await as(person))).body.data.person.notices;
  /** The relay runs every 2 s in each subgraph: wait for it rather than call it. */
  const waitForFeed = async (person: string, count: number) => {
    for (let i = 0; i < 60; i++) {
      const feed = await feedOf(person);
      if (feed.totalCount >= count) return feed;
      await sleep(250);
    }
    return feedOf(person);
  };

  beforeAll(async () => {
    graph = await startTestGraph();
    const [old, daughter, helper] = await graph.db('directory').query(
      `INSERT INTO directory.person (name, gender, birth_date, region_code)
       VALUES ('陈阿婆', 'FEMALE', '1938-03-01', $1), ('林秀英', 'FEMALE', '1966-05-02', $1), ('王建国', 'MALE', '1990-07-03', $1) RETURNING id`,
      [XINGANG],
    );
    const [row] = await graph
      .db('elder-care')
      .query(`INSERT INTO elder_care.elder (person_id, region_code, conditions) VALUES ($1, $2, '{LIVING_ALONE}') RETURNING id`, [old.id, XINGANG]);
    await graph.db('elder-care').query(`INSERT INTO elder_care.elder_carer (elder_id, person_id, relationship) VALUES ($1, $2, '女儿')`, [row.id, daughter.id]);
    elder = { id: row.id, personId: old.id };
    carer = daughter.id;
    volunteer = helper.id;
  });
  afterAll(() => graph?.stop());

  it('when a request is claimed and completed, then the carer hears of both and of the pending hours, the elder of the hours, the volunteer of nothing', async () => {
    const id = (await graph.query(PLACE, { e: elder.id }, await as(carer))).body.data.requestService.id;
    expect((await graph.query(CLAIM, { id }, await as(volunteer))).body.data.claimServiceRequest.status).toBe('CLAIMED');
    expect((await graph.query(COMPLETE, { id }, await as(volunteer))).body.data.completeServiceRequest.status).toBe('COMPLETED');

    const feed = await waitForFeed(carer, 3);
    // Newest first: both notices of the completion, then the claim.
    expect(feed.edges.map((e: any) => e.node.kind).sort()).toEqual(['HOURS_PENDING', 'REQUEST_CLAIMED', 'REQUEST_COMPLETED']);
    expect(feed.edges[feed.edges.length - 1].node.kind).toBe('REQUEST_CLAIMED');
    expect(feed.edges[0].node).toMatchObject({ subjectType: 'ServiceRequest', subjectId: id, source: 'elder-care', readAt: null });
    expect(feed.edges.find((e: any) => e.node.kind === 'HOURS_PENDING').node.text).toContain('1.5 小时');
    const elderFeed = await waitForFeed(elder.personId, 1);
    expect(elderFeed.edges.map((e: any) => e.node.kind)).toEqual(['HOURS_PENDING']);
    expect((await feedOf(volunteer)).totalCount).toBe(0);
  });

  it('when a notice is marked read, then it stays read at its first time; another person can neither read nor mark it', async () => {
    const [first] = (await feedOf(carer)).edges.map((e: any) => e.node);
    const marked = (await graph.query(READ, { id: first.id }, await as(carer))).body.data.markNoticeRead;
    expect(marked.readAt).not.toBeNull();
    expect((await graph.query(READ, { id: first.id }, await as(carer))).body.data.markNoticeRead.readAt).toBe(marked.readAt);
    expect((await feedOf(carer, true)).edges.map((e: any) => e.node.id)).not.toContain(first.id);

    expect(codeOf((await graph.query(READ, { id: first.id }, await as(volunteer))).body)).toBe('NOT_FOUND');
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    expect((await graph.query(NOTICES, { id: carer }, officer)).body.data.person.notices).toBeNull();
  });

  it("when a client calls deliverNotices, then it is refused, signed in or not: only the graph's relays deliver", async () => {
    const forged: OutgoingNotice = {
      id: '0a000000-0000-4000-8000-00000000000a',
      kind: 'EMERGENCY',
      recipientId: carer,
      subjectType: 'Elder',
      subjectId: elder.id,
      text: '假的',
      createdAt: new Date().toISOString(),
    };
    expect(codeOf((await graph.query(DELIVER, { n: [forged] })).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await graph.query(DELIVER, { n: [forged] }, await graph.token(['CITY_ADMIN']))).body)).toBe('FORBIDDEN');
    expect((await feedOf(carer)).edges.map((e: any) => e.node.text)).not.toContain('假的');
  });

  it('when a second relay races the running ones and stops in the middle of its batch, then each notice of many steps reaches its feed exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await graph.query(PLACE, { e: elder.id }, await as(elder.personId))).body.data.requestService.id);
    const before = (await feedOf(carer)).totalCount;
    // Six cancellations by the elder: six notices to the carer, written with the steps.
    await Promise.all(
      ids.map(async (id) => expect((await graph.query(CANCEL, { id }, await as(elder.personId))).body.data.cancelServiceRequest.status).toBe('CANCELLED')),
    );

    // A relay of elder care (as a second replica would run it) that stops after handing on half its batch.
    const subgraph = graph.subgraphs.find((s) => s.module.name === 'elder-care')!;
    const services = { gatewayUrl: graph.url, credentials: { name: 'elder-care', secret: subgraphSecret(graph.internalSecret, 'elder-care') } };
    const feed = feedDelivery(services);
    const relayDb = await createDataSource({
      url: graph.subgraphDatabase('elder-care').url,
      schema: 'elder_care',
      entities: [],
      migrations: [],
      poolSize: 1,
      applicationName: 'stopped-relay',
    }).initialize();
    await relayNotices(relayDb, 'elder_care', async (notices) => {
      await feed(notices.slice(0, Math.ceil(notices.length / 2)));
      await relayDb.destroy();
      throw new Error('the relay stopped');
    }).catch(() => undefined);
    expect(subgraph.dataSource.isInitialized).toBe(true);

    const after = await waitForFeed(carer, before + 6);
    await sleep(2_500); // one more period of the running relays: nothing more may arrive
    const settled = await feedOf(carer);
    expect(settled.totalCount).toBe(before + 6);
    const cancelled = settled.edges.filter((e: any) => e.node.kind === 'REQUEST_CANCELLED').map((e: any) => e.node.subjectId);
    expect(cancelled.sort()).toEqual([...ids].sort());
    expect(after.totalCount).toBe(settled.totalCount);
    const [{ left }] = await graph.db('elder-care').query(`SELECT count(*)::int AS left FROM elder_care.notice_outbox WHERE delivered_at IS NULL`);
    expect(left).toBe(0);
  });

  it('when a duty slot and a checkpoint shift start within 12 hours, then the one on duty is reminded once, however often the sweeps run; later ones wait', async () => {
    const stations = graph.db('neighbour-stations');
    const [station] = await stations.query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address)
       VALUES ('新港驿站', 'VOLUNTEER_SERVICE', $1, 26.0, 119.4, '罗星街道新港社区') RETURNING id`,
      [XINGANG],
    );
    const unit = '0b000000-0000-4000-8000-00000000000b';
    await stations.query(
      `INSERT INTO neighbour_stations.duty_unit (organization_id, name, kind, region_code) VALUES ($1, '新港社区志愿服务队', 'ASSOCIATION', $2)`,
      [unit, XINGANG],
    );
    const hours = (h: number) => new Date(Date.now() + h * 3_600_000);
    const [soon] = await stations.query(
      `INSERT INTO neighbour_stations.duty_slot (station_id, region_code, date, half, starts_at, ends_at, claimed_by, claimed_at, on_duty_person_id)
       VALUES ($1, $2, current_date, 'MORNING', $3, $4, $5, now(), $6), ($1, $2, current_date + 1, 'AFTERNOON', $7, $8, $5, now(), $6) RETURNING id`,
      [station.id, XINGANG, hours(6), hours(9), unit, volunteer, hours(30), hours(33)],
    );
    const veterans = graph.db('veteran-volunteers');
    const [veteran] = await veterans.query(`INSERT INTO veteran_volunteers.veteran (person_id, region_code) VALUES ($1, $2) RETURNING id`, [carer, XINGANG]);
    const [checkpoint] = await veterans.query(`INSERT INTO veteran_volunteers.checkpoint (name, region_code) VALUES ('马尾港执勤点', $1) RETURNING id`, [
      XINGANG,
    ]);
    const [shift] = await veterans.query(
      `INSERT INTO veteran_volunteers.shift (checkpoint_id, veteran_id, starts_at, ends_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [checkpoint.id, veteran.id, hours(3), hours(5)],
    );
    const sweep = async (subgraph: string) => {
      const running = graph.subgraphs.find((s) => s.module.name === subgraph)!;
      const job = running.module.jobs!.find((j) => j.name.endsWith('reminder sweep'))!;
      const services = { gatewayUrl: graph.url, credentials: { name: subgraph, secret: subgraphSecret(graph.internalSecret, subgraph) } };
      for (let i = 0; i < 3; i++) await job.run(running.dataSource, services);
    };
    const carerBefore = (await feedOf(carer)).totalCount;
    await Promise.all([sweep('neighbour-stations'), sweep('veteran-volunteers')]);

    const duty = (await waitForFeed(volunteer, 1)).edges.map((e: any) => e.node);
    await sleep(2_500);
    expect((await feedOf(volunteer)).edges.map((e: any) => e.node)).toEqual(duty);
    expect(duty).toEqual([expect.objectContaining({ kind: 'DUTY_REMINDER', subjectType: 'DutySlot', subjectId: soon.id, source: 'neighbour-stations' })]);
    expect(duty[0].text).toMatch(/^提醒：您在新港驿站的值班将于 \d+月\d+日 \d\d:\d\d 开始。$/);
    const shiftNotices = (await waitForFeed(carer, carerBefore + 1)).edges.map((e: any) => e.node).filter((n: any) => n.kind === 'SHIFT_REMINDER');
    expect(shiftNotices).toEqual([expect.objectContaining({ subjectType: 'CheckpointShift', subjectId: shift.id, source: 'veteran-volunteers' })]);
  });
});
