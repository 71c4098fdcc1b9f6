import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { aTeam, aVeteran, anonymous, codeOf, count, officer } from './arrange';

const RECORD = `mutation ($input: RecordVeteranActivityInput!) {
  recordVeteranActivity(input: $input) { id title kind startsAt endsAt place region { code } team { id } partner { id } attendeeCount totalHours }
}`;
const ATTEND = `mutation ($id: ID!, $a: [AttendanceInput!]!) {
  recordActivityAttendance(activityId: $id, attendance: $a) { attendeeCount totalHours attendance { veteran { id } hours } }
}`;
const clinic = (teamId: string) => ({
  teamId,
  title: '健康义诊',
  kind: 'HEALTH_CLINIC',
  startsAt: '2020-05-10T09:00:00+08:00',
  endsAt: '2020-05-10T12:00:00+08:00',
  place: '闽江村村委会广场',
  partnerOrganizationId: 'd0000000-0000-4000-8000-000000000001',
});

describe('activities and attendance', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
  });
  afterAll(() => graph.stop());

  it('when an officer records an activity and its attendance, then it counts hours and shows attendance only to officers', async () => {
    const team = await aTeam(graph.db);
    const [a, b] = await Promise.all([aVeteran(graph.db), aVeteran(graph.db)]);
    const recorded = await graph.query(RECORD, { input: clinic(team.id) }, officer('350105'));
    expect(recorded.body.data.recordVeteranActivity).toMatchObject({
      title: '健康义诊',
      kind: 'HEALTH_CLINIC',
      place: '闽江村村委会广场',
      region: { code: '350105102227' },
      team: { id: team.id },
      partner: { id: 'd0000000-0000-4000-8000-000000000001' },
      attendeeCount: 0,
      totalHours: 0,
    });
    const id = recorded.body.data.recordVeteranActivity.id;
    const attended = await graph.query(
      ATTEND,
      {
        id,
        a: [
          { veteranId: a.id, hours: 3 },
          { veteranId: b.id, hours: 1.5 },
        ],
      },
      officer('350105'),
    );
    expect(attended.body.data.recordActivityAttendance).toMatchObject({ attendeeCount: 2, totalHours: 4.5 });
    expect(attended.body.data.recordActivityAttendance.attendance).toEqual([
      { veteran: { id: a.id }, hours: 3 },
      { veteran: { id: b.id }, hours: 1.5 },
    ]);
    // Correcting one veteran's hours replaces them.
    await graph.query(ATTEND, { id, a: [{ veteranId: b.id, hours: 2 }] }, officer('350105'));
    const listed = await graph.query(
      `{ veteranActivities(regionCode: "350105102227", kind: HEALTH_CLINIC) { totalCount edges { node { totalHours attendance { hours } } } } }`,
    );
    expect(listed.body.data.veteranActivities).toEqual({ totalCount: 1, edges: [{ node: { totalHours: 5, attendance: null } }] });
  });

  it('when an activity ends before it starts, then BAD_USER_INPUT and nothing is recorded', async () => {
    const team = await aTeam(graph.db, '倒序队');
    const { body } = await graph.query(RECORD, { input: { ...clinic(team.id), endsAt: '2020-05-10T08:00:00+08:00' } }, officer('350105'));
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.argument).toBe('endsAt');
    expect(await count(graph.db, 'activity', 'team_id = $1', [team.id])).toBe(0);
  });

  it('when attendance names an unknown veteran or too many hours, then nothing of it is written', async () => {
    const team = await aTeam(graph.db, '核对队');
    const v = await aVeteran(graph.db);
    const id = (await graph.query(RECORD, { input: clinic(team.id) }, officer('350105'))).body.data.recordVeteranActivity.id;
    const unknown = await graph.query(
      ATTEND,
      {
        id,
        a: [
          { veteranId: v.id, hours: 1 },
          { veteranId: 'c0000000-0000-4000-8000-000000000000', hours: 1 },
        ],
      },
      officer('350105'),
    );
    expect(codeOf(unknown.body)).toBe('NOT_FOUND');
    const tooLong = await graph.query(ATTEND, { id, a: [{ veteranId: v.id, hours: 4 }] }, officer('350105'));
    expect(codeOf(tooLong.body)).toBe('BAD_USER_INPUT');
    expect(await count(graph.db, 'activity_attendance', 'activity_id = $1', [id])).toBe(0);
    const missing = await graph.query(ATTEND, { id: 'c0000000-0000-4000-8000-000000000000', a: [] }, officer('350105'));
    expect(codeOf(missing.body)).toBe('NOT_FOUND');
  });

  it('when the caller is anonymous, from another district or the team is unknown, then the activity is refused', async () => {
    const team = await aTeam(graph.db, '拒绝队');
    expect(codeOf((await graph.query(RECORD, { input: clinic(team.id) }, anonymous)).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await graph.query(RECORD, { input: clinic(team.id) }, officer('350504'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(RECORD, { input: clinic('c0000000-0000-4000-8000-000000000000') }, officer('350105'))).body)).toBe('NOT_FOUND');
    expect(await count(graph.db, 'activity', 'team_id = $1', [team.id])).toBe(0);
  });

  it("when a team's activities are paged, then latest come first", async () => {
    const team = await aTeam(graph.db, '分页队');
    for (const day of ['01', '02', '03']) {
      await graph.query(
        RECORD,
        { input: { ...clinic(team.id), startsAt: `2021-03-${day}T09:00:00+08:00`, endsAt: `2021-03-${day}T10:00:00+08:00` } },
        officer('350105'),
      );
    }
    const page = `query ($id: ID!, $after: String) { veteranTeam(id: $id) { activities(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { startsAt } } } } }`;
    const first = (await graph.query(page, { id: team.id })).body.data.veteranTeam.activities;
    const second = (await graph.query(page, { id: team.id, after: first.pageInfo.endCursor })).body.data.veteranTeam.activities;
    expect([...first.edges, ...second.edges].map((e: any) => new Date(e.node.startsAt).toISOString())).toEqual(
      ['03', '02', '01'].map((day) => new Date(`2021-03-${day}T09:00:00+08:00`).toISOString()),
    );
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});
