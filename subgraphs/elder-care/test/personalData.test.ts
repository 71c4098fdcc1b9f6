import { startSubgraphHarness, SubgraphHarness, graphService } from '@civic/shared/src/testing';
import type { Identity } from '@civic/shared';
import { elderCare } from '../src/module';
import { anAccountWith, anElder, cityAdmin, codeOf, officer, person, snapshot, XINGANG } from './arrange';

/** Elder care's part of a person's data report and of their erasure (issue 14.2). */
const REPORT_PART = `query Part($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataReport {
  elderCare { holds { kind count } elder { id } reads { totalCount edges { node { fields } } } } } } }`;
const ERASE_COPIES = `mutation Copies($id: ID!) { eraseElderCareCopies(personId: $id) }`;
const service = graphService;

describe("elder care's part of a person's data rights", () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  const report = (personId: string, who: Identity) =>
    graph.query(REPORT_PART, { r: [{ __typename: 'PersonalDataReport', personId, regionCode: XINGANG }] }, who);

  it('when the elder reads their part, then it counts what elder care holds and logs the read; a foreign officer is FORBIDDEN', async () => {
    const elder = await anElder(graph.db);
    await anAccountWith(graph.db, elder.personId, 5);
    const { body } = await report(elder.personId, person(elder.personId));
    expect(body.errors).toBeUndefined();
    const part = body.data._entities[0].elderCare;
    expect(part.elder).toEqual({ id: elder.id });
    expect(part.holds).toEqual(
      expect.arrayContaining([
        { kind: 'elder_care.elder', count: 1 },
        { kind: 'elder_care.time_bank_account', count: 1 },
        { kind: 'elder_care.elder_carer', count: 0 },
      ]),
    );
    expect(part.holds.find((h: { kind: string }) => h.kind === 'elder_care.time_bank_transfer').count).toBeGreaterThan(0);
    expect(part.reads.edges.map((e: { node: { fields: string[] } }) => e.node.fields)).toContainEqual(['dataReport']);
    // the carer's own part names them as a carer, and no elder
    const carer = (await report(elder.carerId, person(elder.carerId))).body.data._entities[0].elderCare;
    expect(carer).toMatchObject({ elder: null, reads: { totalCount: 0 } });
    expect(carer.holds).toContainEqual({ kind: 'elder_care.elder_carer', count: 1 });

    expect(codeOf((await report(elder.personId, officer('350102'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await report(elder.personId, person(elder.carerId))).body)).toBe('FORBIDDEN');
  });

  it("when the directory erases a person, then their care note and their requests' notes go and the ledger stays", async () => {
    const elder = await anElder(graph.db);
    const [request] = await graph.db.query(
      `INSERT INTO elder_care.service_request (elder_id, category, mode, status, region_code, note) VALUES ($1, 'VISIT', 'VOLUNTEER_CLAIM', 'OPEN', $2, '请先打电话') RETURNING id`,
      [elder.id, XINGANG],
    );
    const books = async () => {
      const { accounts, transfers, steps } = await snapshot(graph.db);
      return { accounts, transfers, steps };
    };
    const before = await books();
    const { body } = await graph.query(ERASE_COPIES, { id: elder.personId }, service('directory'));
    expect(body).toEqual({ data: { eraseElderCareCopies: 2 } });
    const [row] = await graph.db.query(
      `SELECT e.care_note, r.note FROM elder_care.elder e JOIN elder_care.service_request r ON r.elder_id = e.id WHERE r.id = $1`,
      [request.id],
    );
    expect(row).toEqual({ care_note: null, note: null });
    expect(await books()).toEqual(before);
    // idempotent; and for the directory alone
    expect((await graph.query(ERASE_COPIES, { id: elder.personId }, service('directory'))).body).toEqual({ data: { eraseElderCareCopies: 0 } });
    expect(codeOf((await graph.query(ERASE_COPIES, { id: elder.personId }, service('elder-canteens'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(ERASE_COPIES, { id: elder.personId }, cityAdmin())).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(ERASE_COPIES, { id: elder.personId }, person(elder.personId))).body)).toBe('FORBIDDEN');
  });
});
