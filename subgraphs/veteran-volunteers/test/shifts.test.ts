import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { aCheckpoint, aVeteran, anonymous, codeOf, count, officer, volunteer } from './arrange';

const SCHEDULE = `mutation ($c: ID!, $v: ID!, $s: DateTime!, $e: DateTime!) {
  scheduleCheckpointShift(checkpointId: $c, veteranId: $v, startsAt: $s, endsAt: $e) { id startsAt endsAt checkpoint { id } veteran { id } }
}`;
const at = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:00:00+08:00`;

describe('checkpoint shifts', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
  });
  afterAll(() => graph.stop());

  const schedule = (c: string, v: string, s: string, e: string, identity = officer('350105')) => graph.query(SCHEDULE, { c, v, s, e }, identity);

  it('when a veteran is scheduled on an overlapping shift, even at another checkpoint, then CONFLICT and nothing changes', async () => {
    const [one, two] = [await aCheckpoint(graph.db), await aCheckpoint(graph.db)];
    const v = await aVeteran(graph.db);
    const ok = await schedule(one.id, v.id, at('2020-02-01', 7), at('2020-02-01', 12));
    expect(ok.body.data.scheduleCheckpointShift).toMatchObject({ checkpoint: { id: one.id }, veteran: { id: v.id } });
    const clash = await schedule(two.id, v.id, at('2020-02-01', 11), at('2020-02-01', 15));
    expect(codeOf(clash.body)).toBe('CONFLICT');
    // Back to back is not an overlap.
    expect((await schedule(two.id, v.id, at('2020-02-01', 12), at('2020-02-01', 17))).body.errors).toBeUndefined();
    expect(await count(graph.db, 'shift', 'veteran_id = $1', [v.id])).toBe(2);
  });

  it('when the same overlap is scheduled concurrently, then exactly one wins', async () => {
    const c = await aCheckpoint(graph.db);
    const v = await aVeteran(graph.db);
    const results = await Promise.all([1, 2, 3].map(() => schedule(c.id, v.id, at('2020-02-05', 7), at('2020-02-05', 12))));
    expect(results.filter((r) => !r.body.errors).length).toBe(1);
    expect(results.filter((r) => codeOf(r.body) === 'CONFLICT').length).toBe(2);
  });

  it('when input is bad or the caller may not schedule, then the matching code and no shift', async () => {
    const c = await aCheckpoint(graph.db);
    const v = await aVeteran(graph.db);
    expect(codeOf((await schedule(c.id, v.id, at('2020-02-02', 12), at('2020-02-02', 7))).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await schedule(c.id, v.id, at('2020-02-02', 7), at('2020-02-04', 7))).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await schedule('c0000000-0000-4000-8000-000000000000', v.id, at('2020-02-02', 7), at('2020-02-02', 9))).body)).toBe('NOT_FOUND');
    expect(codeOf((await schedule(c.id, 'c0000000-0000-4000-8000-000000000000', at('2020-02-02', 7), at('2020-02-02', 9))).body)).toBe('NOT_FOUND');
    expect(codeOf((await schedule(c.id, v.id, at('2020-02-02', 7), at('2020-02-02', 9), anonymous)).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await schedule(c.id, v.id, at('2020-02-02', 7), at('2020-02-02', 9), volunteer(v.personId))).body)).toBe('FORBIDDEN');
    expect(codeOf((await schedule(c.id, v.id, at('2020-02-02', 7), at('2020-02-02', 9), officer('350504'))).body)).toBe('FORBIDDEN');
    expect(await count(graph.db, 'shift', 'veteran_id = $1', [v.id])).toBe(0);
  });

  it("when a checkpoint's days are asked for, then coverage reports the gaps in its staffed hours", async () => {
    const c = await aCheckpoint(graph.db, '350105001004');
    const [a, b] = [await aVeteran(graph.db), await aVeteran(graph.db)];
    await schedule(c.id, a.id, at('2020-02-10', 7), at('2020-02-10', 15));
    await schedule(c.id, b.id, at('2020-02-10', 15), at('2020-02-10', 22));
    await schedule(c.id, a.id, at('2020-02-11', 7), at('2020-02-11', 12));
    const { body } = await graph.query(`{ checkpoints(regionCode: "350105001004") { id staffedFrom staffedUntil
      coverage(from: "2020-02-10", to: "2020-02-12") { date shifts coveredMinutes fullyCovered gaps { startsAt endsAt } } } }`);
    const checkpoint = body.data.checkpoints.find((x: any) => x.id === c.id);
    expect(checkpoint).toMatchObject({ staffedFrom: '07:00', staffedUntil: '22:00' });
    expect(checkpoint.coverage.map((d: any) => [d.date, d.shifts, d.coveredMinutes, d.fullyCovered])).toEqual([
      ['2020-02-10', 2, 900, true],
      ['2020-02-11', 1, 300, false],
      ['2020-02-12', 0, 0, false],
    ]);
    expect(checkpoint.coverage[1].gaps).toEqual([
      { startsAt: new Date(at('2020-02-11', 12)).toISOString(), endsAt: new Date(at('2020-02-11', 22)).toISOString() },
    ]);
  });

  it('when an officer asks who served how many days, then each veteran has their distinct days; others are refused', async () => {
    const c = await aCheckpoint(graph.db, '350105102201');
    const [a, b] = [await aVeteran(graph.db, '350105102201'), await aVeteran(graph.db, '350105102201')];
    for (const day of ['2020-03-01', '2020-03-02', '2020-03-03']) await schedule(c.id, a.id, at(day, 7), at(day, 12));
    await schedule(c.id, a.id, at('2020-03-03', 13), at('2020-03-03', 15));
    await schedule(c.id, b.id, at('2020-03-01', 20), `2020-03-02T02:00:00+08:00`);
    const query = `{ checkpointServiceDays(regionCode: "350105102201", from: "2020-03-01", to: "2020-03-31") { veteran { id } days shifts hours } }`;
    const { body } = await graph.query(query, {}, officer('350105102'));
    expect(body.data.checkpointServiceDays).toEqual([
      { veteran: { id: a.id }, days: 3, shifts: 4, hours: 17 },
      { veteran: { id: b.id }, days: 2, shifts: 1, hours: 6 },
    ]);
    expect(codeOf((await graph.query(query)).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await graph.query(query, {}, volunteer(a.personId))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(query, {}, officer('350105001'))).body)).toBe('FORBIDDEN');
  });

  it("when a volunteer asks for their own shifts, then they get them; another veteran's shifts are FORBIDDEN", async () => {
    const c = await aCheckpoint(graph.db);
    const [me, other] = [await aVeteran(graph.db), await aVeteran(graph.db)];
    await schedule(c.id, me.id, at('2020-04-01', 7), at('2020-04-01', 12));
    await schedule(c.id, other.id, at('2020-04-01', 7), at('2020-04-01', 12));
    const mine = await graph.query(
      `{ myCheckpointShifts(from: "2020-04-01", to: "2020-04-01") { veteran { id } checkpoint { id } } }`,
      {},
      volunteer(me.personId),
    );
    expect(mine.body.data.myCheckpointShifts).toEqual([{ veteran: { id: me.id }, checkpoint: { id: c.id } }]);
    expect(codeOf((await graph.query(`{ myCheckpointShifts(from: "2020-04-01", to: "2020-04-01") { id } }`)).body)).toBe('UNAUTHENTICATED');
    const theirs = `query ($id: ID!) { veteran(id: $id) { shifts(from: "2020-04-01", to: "2020-04-01") { id } } }`;
    expect((await graph.query(theirs, { id: me.id }, volunteer(me.personId))).body.data.veteran.shifts).toHaveLength(1);
    expect(codeOf((await graph.query(theirs, { id: other.id }, volunteer(me.personId))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(theirs, { id: other.id })).body)).toBe('UNAUTHENTICATED');
  });
});
