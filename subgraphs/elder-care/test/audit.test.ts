import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { anElder, analyst, anonymous, cityAdmin, codeOf, officer, person, stationManager, volunteer, XINGANG } from './arrange';

const READ_ELDER = `query ReadElder($id: ID!) { elder(id: $id) { id conditions riskLevel careNote emergencyContact { relationship } carers { relationship } } }`;
const PLACE = `mutation PlaceVisit($e: ID!, $note: String) { requestService(elderId: $e, category: VISIT, mode: VOLUNTEER_CLAIM, note: $note) { id } }`;
const READ_REQUEST = `query ReadRequest($id: ID!) { serviceRequest(id: $id) { note elder { careNote } } }`;
const LOG = `query CareLog($elderId: ID, $first: Int, $after: String) { careDataAccessLog(elderId: $elderId, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { actor actorRoles actorRegion elder { id } fields operation at } } } }`;

describe('the care data access log (issue 7)', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  const rows = (elderId: string) =>
    graph.db.query(
      `SELECT actor, actor_roles AS roles, actor_region AS region, fields, operation FROM elder_care.care_data_access WHERE elder_id = $1 ORDER BY id`,
      [elderId],
    ) as Promise<{ actor: string; roles: string[]; region: string | null; fields: string[]; operation: string | null }[]>;

  it("when an elder's care data is shown whole, then the read is logged with who, roles, region, which elder, which fields and the operation", async () => {
    const elder = await anElder(graph.db, XINGANG, ['DISABLED']);
    const reader = officer('350105');
    const { body } = await graph.query(READ_ELDER, { id: elder.id }, reader);
    expect(body.data.elder.careNote).toBe('低盐饮食');
    const [row, ...more] = await rows(elder.id);
    expect(more).toEqual([]);
    expect({ ...row, fields: [...row.fields].sort() }).toEqual({
      actor: reader.sub,
      roles: ['DISTRICT_OFFICER'],
      region: '350105',
      fields: ['careNote', 'carers', 'conditions', 'emergencyContact'],
      operation: 'ReadElder',
    });
    // The elder's own side reading is logged too; a request's note is care data of the elder.
    const id = (await graph.query(PLACE, { e: elder.id, note: '膝盖不好, 需要扶' }, person(elder.carerId, null))).body.data.requestService.id;
    const manager = stationManager(XINGANG);
    expect((await graph.query(READ_REQUEST, { id }, manager)).body.data.serviceRequest).toEqual({ note: '膝盖不好, 需要扶', elder: { careNote: '低盐饮食' } });
    const logged = (await rows(elder.id)).slice(1);
    expect(logged.map(({ fields, ...who }) => who)).toEqual(
      logged.map(() => ({ actor: manager.sub, roles: ['STATION_MANAGER'], region: XINGANG, operation: 'ReadRequest' })),
    );
    expect(logged.flatMap((r) => r.fields).sort()).toEqual(['careNote', 'requestNote']);
  });

  it('when the care data is withheld or there is none, then nothing is logged', async () => {
    const elder = await anElder(graph.db, XINGANG, ['LIVING_ALONE']);
    const id = (await graph.query(PLACE, { e: elder.id }, person(elder.personId))).body.data.requestService.id;
    expect((await graph.query(READ_ELDER, { id: elder.id }, analyst())).body.data.elder).toMatchObject({ conditions: [], careNote: null });
    expect((await graph.query(READ_REQUEST, { id }, volunteer(randomUUID(), XINGANG))).body.data.serviceRequest).toEqual({
      note: null,
      elder: { careNote: null },
    });
    expect(codeOf((await graph.query(READ_ELDER, { id: elder.id }, officer('350504'))).body)).toBe('FORBIDDEN');
    const bare = (await graph.db.query(`INSERT INTO elder_care.elder (person_id, region_code) VALUES ($1, $2) RETURNING id`, [randomUUID(), XINGANG]))[0];
    expect((await graph.query(READ_ELDER, { id: bare.id }, officer('350105'))).body.data.elder).toMatchObject({ conditions: [], careNote: null, carers: [] });
    expect(await rows(elder.id)).toEqual([]);
    expect(await rows(bare.id)).toEqual([]);
  });

  it('when a city administrator reads the log, then newest first, paged and filtered by elder; anyone else is FORBIDDEN', async () => {
    const elder = await anElder(graph.db, '350105001002');
    const readers = [officer('350105'), stationManager('350105001'), cityAdmin()];
    for (const reader of readers) await graph.query(READ_ELDER, { id: elder.id }, reader);
    const admin = cityAdmin();
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const { body }: { body: any } = await graph.query(LOG, { elderId: elder.id, first: 2, after }, admin);
      expect(body.errors).toBeUndefined();
      expect(body.data.careDataAccessLog.totalCount).toBe(3);
      seen.push(...body.data.careDataAccessLog.edges.map((e: any) => e.node));
      if (!body.data.careDataAccessLog.pageInfo.hasNextPage) break;
      after = body.data.careDataAccessLog.pageInfo.endCursor;
    }
    expect(seen.map((n) => n.actor)).toEqual(readers.map((r) => r.sub).reverse());
    expect(seen[0]).toMatchObject({ actorRoles: ['CITY_ADMIN'], actorRegion: '3501', elder: { id: elder.id }, operation: 'ReadElder' });
    const all = (await graph.query(LOG, {}, admin)).body.data.careDataAccessLog;
    expect(all.totalCount).toBeGreaterThanOrEqual(3);
    for (const stranger of [officer('350105'), analyst(), volunteer(), anonymous]) {
      expect(codeOf((await graph.query(LOG, {}, stranger)).body)).toBe('FORBIDDEN');
    }
    expect(codeOf((await graph.query(LOG, { elderId: 'x' }, admin)).body)).toBe('BAD_USER_INPUT');
  });

  it('when anyone tries to change, remove or empty the log, then PostgreSQL refuses', async () => {
    const elder = await anElder(graph.db);
    await graph.query(READ_ELDER, { id: elder.id }, cityAdmin());
    // The serving role may only add and read rows (db/roles.ts); the table's triggers refuse even its owner (packages/shared/test/audit.test.ts).
    await expect(graph.db.query(`UPDATE elder_care.care_data_access SET actor = 'someone else'`)).rejects.toThrow(/permission denied/);
    await expect(graph.db.query(`DELETE FROM elder_care.care_data_access`)).rejects.toThrow(/permission denied/);
    await expect(graph.db.query(`TRUNCATE elder_care.care_data_access`)).rejects.toThrow(/permission denied/);
    expect(await rows(elder.id)).toHaveLength(1);
  });
});
