import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import type { Identity } from '@civic/shared';
import { veteranVolunteers } from '../src/module';
import { aMember, aTeam, aVeteran, codeOf, officer, volunteer } from './arrange';

const cityAdmin: Identity = { sub: randomUUID(), roles: ['CITY_ADMIN'], region: '35' };
const analyst: Identity = { sub: randomUUID(), roles: ['ANALYST'], region: '35' };
const DETAILS = `query ReadVeteran($id: ID!) { veteran(id: $id) { id serviceYears dischargeYear partyMember skills memberships { joinedAt } } }`;
const LOG = `query ($id: ID, $first: Int, $after: String) { veteranDataAccessLog(veteranId: $id, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { actor actorRoles actorRegion fields operation at veteran { id } } } } }`;

describe('the veteran data access log', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
  });
  afterAll(() => graph.stop());

  const logOf = (veteranId: string): Promise<{ actor: string; actor_roles: string[]; fields: string[]; operation: string | null }[]> =>
    graph.db.query(`SELECT actor, actor_roles, fields, operation FROM veteran_volunteers.veteran_data_access WHERE veteran_id = $1 ORDER BY id`, [veteranId]);

  it("when an officer covering the veteran's community reads the service details, then the read is logged before they are shown", async () => {
    const v = await aVeteran(graph.db);
    const team = await aTeam(graph.db);
    await aMember(graph.db, team.id, v.id);
    const reader = officer('350105');
    const { body } = await graph.query(DETAILS, { id: v.id }, reader);
    expect(body.data.veteran).toMatchObject({ serviceYears: 6, dischargeYear: 1990, partyMember: true, skills: ['急救'] });
    expect(body.data.veteran.memberships).toHaveLength(1);
    const rows = await logOf(v.id);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.flatMap((r) => r.fields))).toEqual(new Set(['serviceYears', 'dischargeYear', 'partyMember', 'skills', 'memberships']));
    expect(rows.every((r) => r.actor === reader.sub && r.actor_roles.join() === 'DISTRICT_OFFICER' && r.operation === 'ReadVeteran')).toBe(true);
  });

  it('when the details stay hidden (another district, another volunteer, an analyst), then nothing is logged', async () => {
    const v = await aVeteran(graph.db);
    for (const reader of [officer('350504'), volunteer(randomUUID()), analyst]) {
      const { body } = await graph.query(DETAILS, { id: v.id }, reader);
      expect(body.data.veteran).toMatchObject({ serviceYears: null, skills: null, memberships: null });
    }
    expect(await logOf(v.id)).toEqual([]);
  });

  it('when a veteran reads their own shifts and details, then those reads are logged under their own id', async () => {
    const v = await aVeteran(graph.db);
    const self = volunteer(v.personId);
    const { body } = await graph.query(
      `query MyService($id: ID!) { veteran(id: $id) { partyMember shifts(from: "2020-02-01", to: "2020-02-02") { id } } }`,
      { id: v.id },
      self,
    );
    expect(body.data.veteran).toEqual({ partyMember: true, shifts: [] });
    const rows = await logOf(v.id);
    expect(rows.every((r) => r.actor === v.personId && r.operation === 'MyService')).toBe(true);
    expect(new Set(rows.flatMap((r) => r.fields))).toEqual(new Set(['partyMember', 'shifts']));
  });

  it('when a city administrator reads the log, then reads come newest first, of one veteran, page by page', async () => {
    const v = await aVeteran(graph.db);
    const readers = [officer('350105'), officer('3501'), cityAdmin];
    for (const reader of readers) await graph.query(`query Read${reader.roles[0]}($id: ID!) { veteran(id: $id) { serviceYears } }`, { id: v.id }, reader);
    const first = (await graph.query(LOG, { id: v.id, first: 2 }, cityAdmin)).body.data.veteranDataAccessLog;
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await graph.query(LOG, { id: v.id, first: 2, after: first.pageInfo.endCursor }, cityAdmin)).body.data.veteranDataAccessLog;
    const nodes = [...first.edges, ...second.edges].map((e: any) => e.node);
    expect(nodes.map((n: any) => n.actor)).toEqual(readers.map((r) => r.sub).reverse());
    expect(nodes[2]).toMatchObject({
      actorRoles: ['DISTRICT_OFFICER'],
      actorRegion: '350105',
      fields: ['serviceYears'],
      operation: 'ReadDISTRICT_OFFICER',
      veteran: { id: v.id },
    });
    const all = (await graph.query(LOG, {}, cityAdmin)).body.data.veteranDataAccessLog;
    expect(all.totalCount).toBeGreaterThanOrEqual(3);
  });

  it('when anyone but a city administrator asks for the log, then UNAUTHENTICATED or FORBIDDEN; a malformed id is BAD_USER_INPUT', async () => {
    expect(codeOf((await graph.query(LOG, {})).body)).toBe('UNAUTHENTICATED');
    for (const reader of [officer('35'), analyst, volunteer(randomUUID())]) {
      expect(codeOf((await graph.query(LOG, {}, reader)).body)).toBe('FORBIDDEN');
    }
    expect(codeOf((await graph.query(LOG, { id: 'nope' }, cityAdmin)).body)).toBe('BAD_USER_INPUT');
  });

  it('when the log is changed in the database itself, then PostgreSQL refuses', async () => {
    await graph.query(DETAILS, { id: (await aVeteran(graph.db)).id }, cityAdmin);
    // The serving role may only add and read rows (db/roles.ts); the table's triggers refuse even its owner (packages/shared/test/audit.test.ts).
    await expect(graph.db.query(`UPDATE veteran_volunteers.veteran_data_access SET actor = 'someone else'`)).rejects.toThrow(/permission denied/);
    await expect(graph.db.query(`DELETE FROM veteran_volunteers.veteran_data_access`)).rejects.toThrow(/permission denied/);
    await expect(graph.db.query(`TRUNCATE veteran_volunteers.veteran_data_access`)).rejects.toThrow(/permission denied/);
  });
});
