import { checkInCodes } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { neighbourStations } from '../src/module';
import { caller, insertSlot, insertStation, insertUnit, newId, upcoming } from './arrange';

const CLAIM = `mutation ($id: ID!, $org: ID!) { claimDutySlot(id: $id, organizationId: $org) { id claimedBy { id } claimedAt onDuty { id } } }`;
const PUBLISH = `mutation ($station: ID!, $from: Date!, $weeks: Int) {
  publishDutyRota(stationId: $station, from: $from, weeks: $weeks) { id date half unitKinds claimedBy { id } } }`;
const HOUR = 3_600_000;

describe('the duty rota', () => {
  let graph: SubgraphHarness;
  const managerId = newId();
  const manager = caller(managerId, ['STATION_MANAGER'], '350504');
  const volunteer = caller(newId(), ['VOLUNTEER'], '350504');
  beforeAll(async () => {
    graph = await startSubgraphHarness(neighbourStations);
  });
  afterAll(() => graph.stop());

  /** A station with its rota published for the coming week, and the week's slots. */
  async function stationWithRota() {
    const stationId = await insertStation(graph.db, { managers: [managerId] });
    const { body } = await graph.query(PUBLISH, { station: stationId, from: upcoming('weekday', 1), weeks: 2 }, manager);
    expect(body.errors).toBeUndefined();
    const slots = body.data.publishDutyRota as { id: string; date: string; half: string; unitKinds: string[] }[];
    const on = (kind: 'weekday' | 'weekend') => slots.find((s) => s.date === upcoming(kind, 2))!;
    return { stationId, slots, weekday: on('weekday'), weekend: on('weekend') };
  }

  it('when the rota is published ahead, then every open day has a morning and an afternoon slot for the right kinds', async () => {
    const { slots, weekday, weekend } = await stationWithRota();
    expect(slots).toHaveLength(28);
    expect(slots.filter((s) => s.half === 'MORNING')).toHaveLength(14);
    expect(weekday.unitKinds).toEqual(['GOVERNMENT_UNIT']);
    expect(weekend.unitKinds).toEqual(['ASSOCIATION']);
  });

  it('when the rota is published again, then the slots already there are kept and none doubled', async () => {
    const { stationId, slots } = await stationWithRota();
    const again = await graph.query(PUBLISH, { station: stationId, from: upcoming('weekday', 1), weeks: 2 }, manager);
    expect(again.body.data.publishDutyRota.map((s: any) => s.id)).toEqual(slots.map((s) => s.id));
  });

  it('when someone other than the staff publishes, or from a past date, then FORBIDDEN or BAD_USER_INPUT', async () => {
    const stationId = await insertStation(graph.db, { managers: [managerId] });
    const stranger = await graph.query(PUBLISH, { station: stationId, from: upcoming('weekday', 1) }, volunteer);
    expect(stranger.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const past = await graph.query(PUBLISH, { station: stationId, from: '2020-01-06' }, manager);
    expect(past.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    const weeks = await graph.query(PUBLISH, { station: stationId, from: upcoming('weekday', 1), weeks: 13 }, manager);
    expect(weeks.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'weeks' });
    const [{ count }] = await graph.db.query(`SELECT count(*)::int AS count FROM neighbour_stations.duty_slot WHERE station_id = $1`, [stationId]);
    expect(count).toBe(0);
  });

  it('when a government unit claims a weekday slot, then it holds it and the caller is on duty', async () => {
    const { weekday } = await stationWithRota();
    const unit = await insertUnit(graph.db, 'GOVERNMENT_UNIT', '350504', [volunteer.sub as string]);
    const { body } = await graph.query(CLAIM, { id: weekday.id, org: unit }, volunteer);
    expect(body.data.claimDutySlot).toMatchObject({ claimedBy: { id: unit }, onDuty: { id: volunteer.sub } });
    // Retried: the same answer, nothing changes.
    const again = await graph.query(CLAIM, { id: weekday.id, org: unit }, volunteer);
    expect(again.body.data.claimDutySlot.claimedAt).toBe(body.data.claimDutySlot.claimedAt);
  });

  it('when a unit of the wrong kind claims, then FORBIDDEN (Luojiang rule), and nothing changes', async () => {
    const { weekday, weekend } = await stationWithRota();
    const association = await insertUnit(graph.db, 'ASSOCIATION', '350504', [volunteer.sub as string]);
    const government = await insertUnit(graph.db, 'GOVERNMENT_UNIT', '350504', [volunteer.sub as string]);
    expect((await graph.query(CLAIM, { id: weekday.id, org: association }, volunteer)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await graph.query(CLAIM, { id: weekend.id, org: government }, volunteer)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await graph.query(CLAIM, { id: weekend.id, org: association }, volunteer)).body.data.claimDutySlot.claimedBy.id).toBe(association);
    const [{ claimed_by }] = await graph.db.query(`SELECT claimed_by FROM neighbour_stations.duty_slot WHERE id = $1`, [weekday.id]);
    expect(claimed_by).toBeNull();
  });

  it('when the station sets its own rule, then associations may take weekdays too', async () => {
    const { stationId, weekday } = await stationWithRota();
    const { body } = await graph.query(
      `mutation ($id: ID!) { setDutyRule(stationId: $id, rule: { openWeekdays: [1,2,3,4,5,6,7],
        weekdayKinds: [GOVERNMENT_UNIT, ASSOCIATION], weekendKinds: [ASSOCIATION] }) { dutyRule { weekdayKinds } } }`,
      { id: stationId },
      manager,
    );
    expect(body.data.setDutyRule.dutyRule.weekdayKinds).toEqual(['GOVERNMENT_UNIT', 'ASSOCIATION']);
    const association = await insertUnit(graph.db, 'ASSOCIATION', '350504', [volunteer.sub as string]);
    expect((await graph.query(CLAIM, { id: weekday.id, org: association }, volunteer)).body.data.claimDutySlot.claimedBy.id).toBe(association);
  });

  it('when many units claim one slot at once, then exactly one wins and the rest get CONFLICT', async () => {
    const { weekday } = await stationWithRota();
    const units = await Promise.all(Array.from({ length: 6 }, () => insertUnit(graph.db, 'GOVERNMENT_UNIT', '350504', [volunteer.sub as string])));
    const answers = await Promise.all(units.map((org) => graph.query(CLAIM, { id: weekday.id, org }, volunteer)));
    const winners = answers.filter((a) => a.body.data?.claimDutySlot);
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a.body.errors?.[0].extensions.code === 'CONFLICT')).toHaveLength(5);
    const [{ claimed_by }] = await graph.db.query(`SELECT claimed_by FROM neighbour_stations.duty_slot WHERE id = $1`, [weekday.id]);
    expect(claimed_by).toBe(winners[0].body.data.claimDutySlot.claimedBy.id);
  });

  it("when someone who does not belong to the unit claims for it, then FORBIDDEN; the station's staff may act for it", async () => {
    const { weekday, slots } = await stationWithRota();
    const unit = await insertUnit(graph.db, 'GOVERNMENT_UNIT', '350504', [volunteer.sub as string]);
    const CLAIM_FOR = `mutation ($id: ID!, $org: ID!, $on: ID) { claimDutySlot(id: $id, organizationId: $org, onDutyPersonId: $on) { claimedBy { id } onDuty { id } } }`;
    const stranger = await graph.query(CLAIM, { id: weekday.id, org: unit }, caller(newId(), ['VOLUNTEER'], '350504'));
    expect(stranger.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'unitMember' });
    for (const who of [caller(newId(), ['ANALYST'], '35'), { ...caller(newId(), ['PARTNER'], '35'), partner: 'elder-canteens' }]) {
      expect((await graph.query(CLAIM, { id: weekday.id, org: unit }, who)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const notMember = await graph.query(CLAIM_FOR, { id: weekday.id, org: unit, on: newId() }, manager);
    expect(notMember.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'onDutyPersonId' });
    const [{ claimed }] = await graph.db.query(`SELECT count(*)::int AS claimed FROM neighbour_stations.duty_slot WHERE id = $1 AND claimed_by IS NOT NULL`, [
      weekday.id,
    ]);
    expect(claimed).toBe(0);
    const forUnit = await graph.query(CLAIM_FOR, { id: weekday.id, org: unit, on: volunteer.sub }, manager);
    expect(forUnit.body.data.claimDutySlot).toEqual({ claimedBy: { id: unit }, onDuty: { id: volunteer.sub } });
    const byMember = slots.find((s) => s.date === weekday.date && s.half !== weekday.half)!;
    expect((await graph.query(CLAIM, { id: byMember.id, org: unit }, volunteer)).body.data.claimDutySlot.claimedBy).toEqual({ id: unit });
  });

  it('when the slot is unknown, the unit unregistered, the slot past, or the caller anonymous, then clear codes', async () => {
    const { weekday } = await stationWithRota();
    const unit = await insertUnit(graph.db, 'GOVERNMENT_UNIT', '350504', [volunteer.sub as string]);
    expect((await graph.query(CLAIM, { id: newId(), org: unit }, volunteer)).body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await graph.query(CLAIM, { id: weekday.id, org: newId() }, volunteer)).body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await graph.query(CLAIM, { id: weekday.id, org: 'x' }, volunteer)).body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'organizationId',
    });
    expect((await graph.query(CLAIM, { id: weekday.id, org: unit })).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const elsewhere = caller(newId(), ['VOLUNTEER'], '350105');
    expect((await graph.query(CLAIM, { id: weekday.id, org: unit }, elsewhere)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    const stationId = await insertStation(graph.db);
    const yesterday = new Date(Date.now() - 24 * HOUR);
    const past = await insertSlot(graph.db, stationId, { date: '2020-01-06', startsAt: yesterday, endsAt: new Date(yesterday.getTime() + HOUR) });
    expect((await graph.query(CLAIM, { id: past, org: unit }, volunteer)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('when units look for slots to pick, then unclaimed future slots of their kind are listed in time order', async () => {
    const stationId = await insertStation(graph.db, { regionCode: '350504102210', managers: [managerId] });
    await graph.query(PUBLISH, { station: stationId, from: upcoming('weekday', 1), weeks: 1 }, manager);
    const [taken] = await graph.db.query(
      `SELECT id FROM neighbour_stations.duty_slot WHERE station_id = $1 AND extract(isodow FROM date) < 6 ORDER BY starts_at LIMIT 1`,
      [stationId],
    );
    const unit = await insertUnit(graph.db, 'GOVERNMENT_UNIT', '350504', [volunteer.sub as string]);
    await graph.query(CLAIM, { id: taken.id, org: unit }, volunteer);
    const UNCLAIMED = `query ($from: Date!, $to: Date!, $kind: OrganizationKind, $after: String) {
      unclaimedDutySlots(regionCode: "350504102", from: $from, to: $to, kind: $kind, first: 4, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id startsAt unitKinds } } } }`;
    const from = upcoming('weekday', 1);
    const range = { from, to: new Date(Date.parse(`${from}T00:00:00Z`) + 6 * 24 * HOUR).toISOString().slice(0, 10) };
    const all = (await graph.query(UNCLAIMED, range)).body.data.unclaimedDutySlots;
    expect(all.totalCount).toBe(13);
    const weekend = (await graph.query(UNCLAIMED, { ...range, kind: 'ASSOCIATION' })).body.data.unclaimedDutySlots;
    expect(weekend.totalCount).toBe(4);
    const ids: string[] = [];
    const times: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await graph.query(UNCLAIMED, { ...range, kind: 'GOVERNMENT_UNIT', after })).body.data.unclaimedDutySlots;
      ids.push(...page.edges.map((e: any) => e.node.id));
      times.push(...page.edges.map((e: any) => e.node.startsAt));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toHaveLength(9);
    expect(ids).not.toContain(taken.id);
    expect(times).toEqual([...times].sort());
  });

  describe('check-in and check-out', () => {
    const STAMP = (what: string) => `mutation ($id: ID!, $code: String) { ${what}(id: $id, code: $code) { checkedInAt checkedOutAt checkInMethod } }`;

    it("when the person on duty checks in with the station's code during the shift and out after, then both are recorded once", async () => {
      const stationId = await insertStation(graph.db);
      const unit = await insertUnit(graph.db, 'GOVERNMENT_UNIT', '350504', [volunteer.sub as string]);
      const now = Date.now();
      const slot = await insertSlot(graph.db, stationId, {
        date: new Date(now).toISOString().slice(0, 10),
        startsAt: new Date(now - HOUR),
        endsAt: new Date(now + 2 * HOUR),
        claimedBy: unit,
        onDuty: volunteer.sub as string,
      });
      const code = checkInCodes(graph.secret).issue({ kind: 'STATION', id: stationId }).text;
      const other = caller(newId(), ['VOLUNTEER'], '350504');
      expect((await graph.query(STAMP('checkInDutySlot'), { id: slot, code }, other)).body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect((await graph.query(STAMP('checkOutDutySlot'), { id: slot, code }, volunteer)).body.errors[0].extensions.code).toBe('CONFLICT');
      const checkedIn = (await graph.query(STAMP('checkInDutySlot'), { id: slot, code }, volunteer)).body.data.checkInDutySlot;
      expect(checkedIn).toEqual({ checkedInAt: expect.any(String), checkedOutAt: null, checkInMethod: 'QR' });
      const again = (await graph.query(STAMP('checkInDutySlot'), { id: slot, code }, volunteer)).body.data.checkInDutySlot;
      expect(again.checkedInAt).toBe(checkedIn.checkedInAt);
      const out = (await graph.query(STAMP('checkOutDutySlot'), { id: slot, code }, volunteer)).body.data.checkOutDutySlot;
      expect(out.checkedOutAt).toEqual(expect.any(String));
    });

    it('when the shift is days away, then check-in is refused', async () => {
      const { stationId, weekday } = await stationWithRota();
      const unit = await insertUnit(graph.db, 'GOVERNMENT_UNIT', '350504', [volunteer.sub as string]);
      await graph.query(CLAIM, { id: weekday.id, org: unit }, volunteer);
      const code = checkInCodes(graph.secret).issue({ kind: 'STATION', id: stationId }).text;
      expect((await graph.query(STAMP('checkInDutySlot'), { id: weekday.id, code }, volunteer)).body.errors[0].extensions.code).toBe('CONFLICT');
    });
  });

  it('when the rota of a station is listed, then who is on duty shows only to them and the staff', async () => {
    const { stationId, weekday } = await stationWithRota();
    const unit = await insertUnit(graph.db, 'GOVERNMENT_UNIT', '350504', [volunteer.sub as string]);
    await graph.query(CLAIM, { id: weekday.id, org: unit }, volunteer);
    const LIST = `query ($id: ID!, $day: Date!) { dutySlots(stationId: $id, from: $day, to: $day) { half claimedBy { id } onDuty { id } } }`;
    const vars = { id: stationId, day: weekday.date };
    const anonymous = (await graph.query(LIST, vars)).body.data.dutySlots;
    expect(anonymous.map((s: any) => s.half)).toEqual(['MORNING', 'AFTERNOON']);
    expect(anonymous.find((s: any) => s.claimedBy)).toEqual({ half: weekday.half, claimedBy: { id: unit }, onDuty: null });
    const staff = (await graph.query(LIST, vars, manager)).body.data.dutySlots;
    expect(staff.find((s: any) => s.claimedBy).onDuty).toEqual({ id: volunteer.sub });
    const bad = await graph.query(LIST, { id: stationId, day: '2026-13-01' });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
