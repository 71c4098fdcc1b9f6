import { randomUUID } from 'node:crypto';
import { checkInCodes, type CheckInPlaceKind } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { aCheckpoint, aTeam, aVeteran, anonymous, officer, volunteer } from './arrange';

const HOUR = 3_600_000;
const SHIFT_FIELDS = `checkedInAt checkInMethod checkInRecordedBy { id } checkedOutAt checkOutMethod hours noShow headcount signedUp`;
const SHIFT_STAMP = (what: string) => `mutation ($id: ID!, $code: String) { ${what}(id: $id, code: $code) { ${SHIFT_FIELDS} } }`;
const NO_SHOW = `mutation ($id: ID!) { markCheckpointShiftNoShow(id: $id) { noShow } }`;
const ACTIVITY_STAMP = (what: string) => `mutation ($a: ID!, $code: String, $v: ID) {
  ${what}(activityId: $a, code: $code, veteranId: $v) { veteran { id } checkInMethod checkInRecordedBy { id } checkedOutAt checkOutMethod hours } }`;
const SIGN_UP = `mutation ($a: ID!) { signUpForVeteranActivity(activityId: $a) { headcount signedUp } }`;
const SHIFT_CODE = `query ($id: ID!) { shiftCheckInCode(shiftId: $id) { text } }`;
const ACTIVITY_CODE = `query ($id: ID!) { activityCheckInCode(activityId: $id) { text } }`;
const NO_SHOWS = `query ($id: ID!) { veteran(id: $id) { noShows } }`;
const errorOf = (body: any) => body.errors?.[0]?.extensions;

describe('checking in to checkpoint shifts and veteran activities', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
  });
  afterAll(() => graph.stop());

  const code = (kind: CheckInPlaceKind, id: string, at = Date.now()) => checkInCodes(graph.secret, () => at).issue({ kind, id }).text;

  /** A team led by a veteran, a checkpoint it staffs and a shift of another veteran there, at hours relative to now. */
  async function aShift(startsIn: number, endsIn: number) {
    const leader = await aVeteran(graph.db);
    const team = await aTeam(graph.db, '社区巡逻队', '350105102227', leader.id);
    const checkpoint = await aCheckpoint(graph.db, '350105102227', team.id);
    const veteran = await aVeteran(graph.db);
    const now = Date.now();
    const [{ id }] = await graph.db.query(
      `INSERT INTO veteran_volunteers.shift (checkpoint_id, veteran_id, starts_at, ends_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [checkpoint.id, veteran.id, new Date(now + startsIn * HOUR), new Date(now + endsIn * HOUR)],
    );
    return { shiftId: id as string, checkpoint, leader, veteran };
  }

  async function anActivity(startsIn: number, endsIn: number, headcount: number | null = null) {
    const leader = await aVeteran(graph.db);
    const team = await aTeam(graph.db, '红色义工队', '350105102227', leader.id);
    const now = Date.now();
    const [{ id }] = await graph.db.query(
      `INSERT INTO veteran_volunteers.activity (team_id, region_code, title, kind, starts_at, ends_at, headcount)
       VALUES ($1, '350105102227', '闽江村健康义诊', 'HEALTH_CLINIC', $2, $3, $4) RETURNING id`,
      [team.id, new Date(now + startsIn * HOUR), new Date(now + endsIn * HOUR), headcount],
    );
    return { activityId: id as string, leader };
  }

  it("when the team's leader shows the shift's code and the veteran sends it, then the check-in is QR; out, the hours follow", async () => {
    const { shiftId, leader, veteran } = await aShift(-1, 3);
    expect(errorOf((await graph.query(SHIFT_CODE, { id: shiftId }, anonymous)).body).code).toBe('UNAUTHENTICATED');
    expect(errorOf((await graph.query(SHIFT_CODE, { id: shiftId }, volunteer(veteran.personId))).body).code).toBe('FORBIDDEN');
    expect(errorOf((await graph.query(SHIFT_CODE, { id: shiftId }, officer('350104'))).body).code).toBe('FORBIDDEN');
    expect((await graph.query(SHIFT_CODE, { id: randomUUID() }, officer('350105'))).body.data.shiftCheckInCode).toBeNull();
    const { text } = (await graph.query(SHIFT_CODE, { id: shiftId }, volunteer(leader.personId))).body.data.shiftCheckInCode;
    // Nobody else checks in with the veteran's code.
    expect(errorOf((await graph.query(SHIFT_STAMP('checkInCheckpointShift'), { id: shiftId, code: text }, volunteer(leader.personId))).body)).toMatchObject({
      code: 'FORBIDDEN',
      rule: 'veteranThemself',
    });
    const checkedIn = (await graph.query(SHIFT_STAMP('checkInCheckpointShift'), { id: shiftId, code: text }, volunteer(veteran.personId))).body.data
      .checkInCheckpointShift;
    expect(checkedIn).toMatchObject({
      checkInMethod: 'QR',
      checkInRecordedBy: { id: veteran.personId },
      hours: null,
      noShow: false,
      headcount: 1,
      signedUp: 1,
    });
    await graph.db.query(`UPDATE veteran_volunteers.shift SET checked_in_at = now() - interval '2 hours' WHERE id = $1`, [shiftId]);
    const out = (await graph.query(SHIFT_STAMP('checkOutCheckpointShift'), { id: shiftId, code: text }, volunteer(veteran.personId))).body.data
      .checkOutCheckpointShift;
    expect(out.checkOutMethod).toBe('QR');
    expect(out.hours).toBeCloseTo(2, 1);
  });

  it("when the code is stale, another shift's, or missing, then BAD_USER_INPUT naming code; the leader checks the veteran in by hand", async () => {
    const { shiftId, leader, veteran } = await aShift(-1, 3);
    const other = await aShift(-1, 3);
    for (const sent of [code('SHIFT', shiftId, Date.now() - 95_000), code('SHIFT', other.shiftId), code('ACTIVITY', shiftId), null]) {
      const { body } = await graph.query(SHIFT_STAMP('checkInCheckpointShift'), { id: shiftId, code: sent }, volunteer(veteran.personId));
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'code' });
    }
    expect(errorOf((await graph.query(SHIFT_STAMP('checkInCheckpointShift'), { id: shiftId }, volunteer(other.leader.personId))).body)).toMatchObject({
      code: 'FORBIDDEN',
      rule: 'placeStaff',
    });
    const byHand = (await graph.query(SHIFT_STAMP('checkInCheckpointShift'), { id: shiftId }, volunteer(leader.personId))).body.data.checkInCheckpointShift;
    expect(byHand).toMatchObject({ checkInMethod: 'BY_HAND', checkInRecordedBy: { id: leader.personId } });
  });

  it('when a veteran did not come, then a no-show is marked after the shift by the staff and counted on the veteran', async () => {
    const ahead = await aShift(-1, 3);
    expect(errorOf((await graph.query(NO_SHOW, { id: ahead.shiftId }, volunteer(ahead.leader.personId))).body).code).toBe('CONFLICT');
    const past = await aShift(-6, -2);
    expect(errorOf((await graph.query(NO_SHOW, { id: past.shiftId }, volunteer(past.veteran.personId))).body)).toMatchObject({
      code: 'FORBIDDEN',
      rule: 'placeStaff',
    });
    expect(errorOf((await graph.query(NO_SHOW, { id: past.shiftId }, officer('350104'))).body).code).toBe('FORBIDDEN');
    expect((await graph.query(NO_SHOW, { id: past.shiftId }, officer('350105'))).body.data.markCheckpointShiftNoShow.noShow).toBe(true);
    expect((await graph.query(NO_SHOW, { id: past.shiftId }, volunteer(past.leader.personId))).body.data.markCheckpointShiftNoShow.noShow).toBe(true);
    expect((await graph.query(NO_SHOWS, { id: past.veteran.id }, volunteer(past.veteran.personId))).body.data.veteran.noShows).toBe(1);
    expect((await graph.query(NO_SHOWS, { id: past.veteran.id }, officer('350105'))).body.data.veteran.noShows).toBe(1);
    expect((await graph.query(NO_SHOWS, { id: past.veteran.id }, volunteer(randomUUID()))).body.data.veteran.noShows).toBeNull();
  });

  it('when checkpoints need more than one veteran, then a shift shows the headcount and how many are on at the time', async () => {
    const { shiftId, checkpoint, veteran } = await aShift(-1, 3);
    const SET = `mutation ($c: ID!, $n: Int!) { setCheckpointHeadcount(checkpointId: $c, headcount: $n) { headcount } }`;
    expect(errorOf((await graph.query(SET, { c: checkpoint.id, n: 3 }, volunteer(veteran.personId))).body).code).toBe('FORBIDDEN');
    expect(errorOf((await graph.query(SET, { c: checkpoint.id, n: 0 }, officer('350105'))).body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'headcount',
    });
    expect((await graph.query(SET, { c: checkpoint.id, n: 3 }, officer('350105'))).body.data.setCheckpointHeadcount.headcount).toBe(3);
    const second = await aVeteran(graph.db);
    const now = Date.now();
    await graph.db.query(`INSERT INTO veteran_volunteers.shift (checkpoint_id, veteran_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)`, [
      checkpoint.id,
      second.id,
      new Date(now + 2 * HOUR),
      new Date(now + 5 * HOUR),
    ]);
    const { body } = await graph.query(SHIFT_STAMP('checkInCheckpointShift'), { id: shiftId, code: code('SHIFT', shiftId) }, volunteer(veteran.personId));
    expect(body.data.checkInCheckpointShift).toMatchObject({ headcount: 3, signedUp: 2 });
  });

  it("when a veteran scans the activity's code in and out, then their attendance hours come from the two times", async () => {
    const { activityId, leader } = await anActivity(-2, 2);
    const veteran = await aVeteran(graph.db);
    const { text } = (await graph.query(ACTIVITY_CODE, { id: activityId }, volunteer(leader.personId))).body.data.activityCheckInCode;
    expect(errorOf((await graph.query(ACTIVITY_CODE, { id: activityId }, volunteer(veteran.personId))).body).code).toBe('FORBIDDEN');
    // One who is not a registered veteran cannot check in with the code.
    expect(errorOf((await graph.query(ACTIVITY_STAMP('checkInVeteranActivity'), { a: activityId, code: text }, volunteer(randomUUID()))).body).code).toBe(
      'FORBIDDEN',
    );
    const stale = code('ACTIVITY', activityId, Date.now() - 95_000);
    expect(
      errorOf((await graph.query(ACTIVITY_STAMP('checkInVeteranActivity'), { a: activityId, code: stale }, volunteer(veteran.personId))).body),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'code',
    });
    const checkedIn = (await graph.query(ACTIVITY_STAMP('checkInVeteranActivity'), { a: activityId, code: text }, volunteer(veteran.personId))).body.data
      .checkInVeteranActivity;
    expect(checkedIn).toMatchObject({ veteran: { id: veteran.id }, checkInMethod: 'QR', checkInRecordedBy: { id: veteran.personId }, hours: null });
    await graph.db.query(`UPDATE veteran_volunteers.activity_check_in SET checked_in_at = now() - interval '90 minutes' WHERE activity_id = $1`, [activityId]);
    const out = (await graph.query(ACTIVITY_STAMP('checkOutVeteranActivity'), { a: activityId, code: text }, volunteer(veteran.personId))).body.data
      .checkOutVeteranActivity;
    expect(out.hours).toBeCloseTo(1.5, 1);
    const [{ hours }] = await graph.db.query(
      `SELECT hours::float8 AS hours FROM veteran_volunteers.activity_attendance WHERE activity_id = $1 AND veteran_id = $2`,
      [activityId, veteran.id],
    );
    expect(hours).toBeCloseTo(1.5, 1);
  });

  it('when the staff check a veteran in to an activity by hand, then it is recorded as such; the veteran without a code is asked for it', async () => {
    const { activityId, leader } = await anActivity(-1, 2);
    const veteran = await aVeteran(graph.db);
    expect(
      errorOf((await graph.query(ACTIVITY_STAMP('checkInVeteranActivity'), { a: activityId, v: veteran.id }, volunteer(veteran.personId))).body),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'code',
    });
    expect(errorOf((await graph.query(ACTIVITY_STAMP('checkInVeteranActivity'), { a: activityId }, officer('350105'))).body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'veteranId',
    });
    expect(errorOf((await graph.query(ACTIVITY_STAMP('checkInVeteranActivity'), { a: activityId, v: veteran.id }, officer('350104'))).body).code).toBe(
      'FORBIDDEN',
    );
    const byHand = (await graph.query(ACTIVITY_STAMP('checkInVeteranActivity'), { a: activityId, v: veteran.id }, volunteer(leader.personId))).body.data
      .checkInVeteranActivity;
    expect(byHand).toMatchObject({ checkInMethod: 'BY_HAND', checkInRecordedBy: { id: leader.personId } });
  });

  it('when an officer records an activity with the headcount it needs, then it shows with nobody signed up; outside 1..10000, BAD_USER_INPUT', async () => {
    const team = await aTeam(graph.db);
    const RECORD = `mutation ($input: RecordVeteranActivityInput!) { recordVeteranActivity(input: $input) { headcount signedUp } }`;
    const input = {
      teamId: team.id,
      title: '闽江村健康义诊',
      kind: 'HEALTH_CLINIC',
      startsAt: '2030-03-01T09:00:00+08:00',
      endsAt: '2030-03-01T11:00:00+08:00',
    };
    expect((await graph.query(RECORD, { input: { ...input, headcount: 12 } }, officer('350105'))).body.data.recordVeteranActivity).toEqual({
      headcount: 12,
      signedUp: 0,
    });
    expect((await graph.query(RECORD, { input }, officer('350105'))).body.data.recordVeteranActivity.headcount).toBeNull();
    expect(errorOf((await graph.query(RECORD, { input: { ...input, headcount: 0 } }, officer('350105'))).body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.headcount',
    });
  });

  it('when veterans sign up for an activity, then it counts them up to its headcount, before it starts', async () => {
    const { activityId } = await anActivity(24, 27, 2);
    const [a, b, c] = [await aVeteran(graph.db), await aVeteran(graph.db), await aVeteran(graph.db)];
    expect((await graph.query(SIGN_UP, { a: activityId }, volunteer(a.personId))).body.data.signUpForVeteranActivity).toEqual({ headcount: 2, signedUp: 1 });
    expect((await graph.query(SIGN_UP, { a: activityId }, volunteer(a.personId))).body.data.signUpForVeteranActivity.signedUp).toBe(1);
    expect((await graph.query(SIGN_UP, { a: activityId }, volunteer(b.personId))).body.data.signUpForVeteranActivity.signedUp).toBe(2);
    expect(errorOf((await graph.query(SIGN_UP, { a: activityId }, volunteer(c.personId))).body).code).toBe('CONFLICT');
    expect(errorOf((await graph.query(SIGN_UP, { a: activityId }, volunteer(randomUUID()))).body)).toMatchObject({
      code: 'FORBIDDEN',
      rule: 'veteranThemself',
    });
    const started = await anActivity(-1, 2);
    expect(errorOf((await graph.query(SIGN_UP, { a: started.activityId }, volunteer(c.personId))).body).code).toBe('CONFLICT');
  });
});
