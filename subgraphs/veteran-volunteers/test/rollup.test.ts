import { regionsInUseAgainstOracle, rollupAgainstOracle, rollupReadTests, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { VETERAN_FIELDS, VETERAN_ROLLUP, VETERAN_TABLES } from '../src/repositories/rollup';
import { toVeteranStatsOracle, VETERAN_STATS_SQL } from './rollupOracle';
import { aCheckpoint, aHall, aTeam, aVeteran, officer } from './arrange';

const ORACLE = {
  sql: VETERAN_STATS_SQL,
  toStats: toVeteranStatsOracle,
  regionsInUse: VETERAN_TABLES.map((t) => `SELECT region_code FROM ${t}`).join(' UNION '),
};
const COMMUNITIES = ['350105102227', '350105101210', '350105001002', '350504001001'];
const RECORD = `mutation ($input: RecordVeteranActivityInput!) { recordVeteranActivity(input: $input) { id } }`;
const ATTEND = `mutation ($id: ID!, $a: [AttendanceInput!]!) { recordActivityAttendance(activityId: $id, attendance: $a) { attendeeCount } }`;
const SCHEDULE = `mutation ($c: ID!, $v: ID!, $s: DateTime!, $e: DateTime!) { scheduleCheckpointShift(checkpointId: $c, veteranId: $v, startsAt: $s, endsAt: $e) { id } }`;
const STORY = `mutation ($input: AddVeteranStoryInput!) { addVeteranStory(input: $input) { id } }`;
const VISIT = `mutation ($input: RecordHonourHallVisitInput!) { recordHonourHallVisit(input: $input) { visitors } }`;
const day = (d: number, hour: number) => `2020-03-${String(1 + d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;

describe('veteran figures from the rollup', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
  });
  afterAll(() => graph.stop());

  const expectExact = async () => {
    const compared = await rollupAgainstOracle(graph.db, VETERAN_ROLLUP, VETERAN_FIELDS, ORACLE);
    expect(compared.rollup).toEqual(compared.oracle);
    const inUse = await regionsInUseAgainstOracle(graph.db, VETERAN_ROLLUP, VETERAN_TABLES);
    expect(inUse.rollup).toEqual(inUse.oracle);
  };

  /** A community's veterans' work through the mutations: an activity and its attendance, shifts, a story, a hall visit. */
  async function work(i: number) {
    const community = COMMUNITIES[i % COMMUNITIES.length];
    const as = officer(community.slice(0, 6));
    const team = await aTeam(graph.db, `红色义工队${i}`, community);
    const veterans = [await aVeteran(graph.db, community, { partyMember: i % 2 === 0 }), await aVeteran(graph.db, community)];
    const activity = await graph.query(
      RECORD,
      { input: { teamId: team.id, title: '健康义诊', kind: 'HEALTH_CLINIC', startsAt: day(i, 9), endsAt: day(i, 12) } },
      as,
    );
    const id = activity.body.data.recordVeteranActivity.id;
    await graph.query(ATTEND, { id, a: veterans.map((v, k) => ({ veteranId: v.id, hours: 1.5 + k + (i % 3) })) }, as);
    const checkpoint = await aCheckpoint(graph.db, community, team.id);
    for (const [k, v] of veterans.entries()) await graph.query(SCHEDULE, { c: checkpoint.id, v: v.id, s: day(i, 7 + k * 6), e: day(i, 12 + k * 6) }, as);
    await graph.query(
      STORY,
      { input: { title: `老兵故事${i}`, narrator: '陈依伯', text: '一九七九年……', regionCode: community, collectedOn: '2020-08-01' } },
      as,
    );
    const hall = await aHall(graph.db, community);
    const visit = { hallId: hall.id, visitedOn: '2020-09-01', kind: 'LECTURE', visitorGroup: 'STUDENTS_TEACHERS', title: '老兵讲党史', visitors: 10 + i };
    expect((await graph.query(VISIT, { input: visit }, as)).body.errors).toBeUndefined();
  }

  it('when activities, attendance, shifts, stories and visits are recorded through the mutations, many at once, and rows move region, then every figure equals the aggregate over the tables', async () => {
    for (let i = 0; i < 4; i += 1) await work(i);
    await expectExact();
    await Promise.all([4, 5, 6, 7, 8, 9].map(work));
    await expectExact();
    const [province] = (await rollupAgainstOracle(graph.db, VETERAN_ROLLUP, VETERAN_FIELDS, ORACLE)).rollup.filter((r) => r.code === '35');
    expect(province).toMatchObject({ veterans: 20, teams: 10, activities: 10, partyMembers: 15, stories: 10, shifts: 20 });
    // moves (as a data correction would make them): a veteran's region and party membership, an activity's and a checkpoint's region
    await graph.db.query(`UPDATE veteran_volunteers.veteran SET region_code = '350203001001', party_member = NOT party_member WHERE region_code = $1`, [
      COMMUNITIES[0],
    ]);
    await graph.db.query(`UPDATE veteran_volunteers.activity SET region_code = '350102001001' WHERE region_code = $1`, [COMMUNITIES[1]]);
    await graph.db.query(`UPDATE veteran_volunteers.checkpoint SET region_code = '350102001001' WHERE region_code = $1`, [COMMUNITIES[2]]);
    await graph.db.query(`UPDATE veteran_volunteers.activity_attendance SET hours = hours + 1 WHERE hours < 3`);
    await graph.db.query(`DELETE FROM veteran_volunteers.shift WHERE starts_at < $1`, [day(2, 0)]);
    await expectExact();
  });

  rollupReadTests({
    graph: () => graph,
    rollup: VETERAN_ROLLUP,
    dashboard: 'veterans { veterans teams activities }',
    oneField: { selection: 'veterans { volunteerHours }', figures: ['volunteerHours'] },
    writes: async (tx) => {
      await tx.query(`UPDATE veteran_volunteers.veteran SET party_member = NOT party_member`);
      await tx.query(`DELETE FROM veteran_volunteers.activity_attendance`);
    },
    expectExact,
  });
});
