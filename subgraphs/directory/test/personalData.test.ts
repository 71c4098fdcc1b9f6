import { randomUUID } from 'node:crypto';
import { startStandInGateway, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import type { Identity, Role } from '@civic/shared';
import { directory } from '../src/module';
import { makeIdNumber } from '../src/domain/idNumber';

/** A person's data report and erasure (issue 14.2), the directory's own part, against a stand-in gateway. */
const caller = (roles: Role[], region: string, sub: string = randomUUID()): Identity => ({ sub, roles, region });
const YANSHAN = '350105001001'; // 沿山社区, 马尾区
const officer = caller(['DISTRICT_OFFICER'], '350105');

const REPORT = `query Report($id: ID!) { personalDataReport(personId: $id) {
  personId regionCode person { name } directory { fields holds { kind count } reads { totalCount edges { node { fields actor } } } } } }`;
const ERASE = `mutation Erase($id: ID!, $key: String) { erasePerson(personId: $id, idempotencyKey: $key) { id name erased erasedAt phone idNumber birthDate age } }`;

describe('the directory: data report and erasure', () => {
  let graph: SubgraphHarness;
  let gateway: Awaited<ReturnType<typeof startStandInGateway>>;
  /** what the stand-in gateway was asked: the other subgraphs' parts of each erasure */
  const asked: string[] = [];
  let othersAnswer = true;
  let sequence = 500;

  beforeAll(async () => {
    gateway = await startStandInGateway(({ query }) => {
      asked.push(query);
      return othersAnswer ? { eraseElderCareCopies: 1, eraseStationCopies: 0, eraseVeteranCopies: 0 } : null;
    });
    graph = await startSubgraphHarness(directory, gateway.url);
  });
  afterAll(async () => {
    await graph?.stop();
    await gateway?.stop();
  });

  async function resident(): Promise<string> {
    const idNumber = makeIdNumber('350105', '1951-03-08', (sequence += 2), 'MALE');
    const { body } = await graph.query(
      `mutation { registerPerson(name: "林文辉", gender: MALE, birthDate: "1951-03-08", idNumber: "${idNumber}", phone: "13905917777",
        homeCommunityCode: "${YANSHAN}") { id } }`,
      {},
      officer,
    );
    expect(body.errors).toBeUndefined();
    return body.data.registerPerson.id;
  }

  it('when the person or their officer reads the report, then it answers and logs the read; another district, an analyst or a neighbour is FORBIDDEN', async () => {
    const id = await resident();
    const self = caller(['VOLUNTEER'], '350105001', id);
    const own = await graph.query(REPORT, { id }, self);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.personalDataReport).toMatchObject({
      personId: id,
      regionCode: YANSHAN,
      person: { name: '林文辉' },
      directory: {
        fields: ['name', 'gender', 'birthDate', 'phone', 'idNumber', 'homeCommunity'],
        reads: { edges: [{ node: { fields: ['dataReport'], actor: id } }] },
      },
    });
    expect(own.body.data.personalDataReport.directory.holds).toContainEqual({ kind: 'directory.person', count: 1 });
    expect((await graph.query(REPORT, { id }, officer)).body.errors).toBeUndefined();
    for (const who of [
      caller(['DISTRICT_OFFICER'], '350102'),
      caller(['ANALYST'], '35'),
      caller(['VOLUNTEER'], '350105001'),
      caller(['STATION_MANAGER'], '350105'),
    ]) {
      const { body } = await graph.query(REPORT, { id }, who);
      expect(body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('when the report is reached through _entities by a foreign officer, then it is FORBIDDEN there too', async () => {
    const id = await resident();
    const { body } = await graph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataReport { personId } } }`,
      { r: [{ __typename: 'PersonalDataReport', personId: id, regionCode: YANSHAN }] },
      caller(['DISTRICT_OFFICER'], '350102'),
    );
    expect(body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('when a person is erased, then the others are asked first, the row becomes a tombstone, and the erasure is logged once', async () => {
    const id = await resident();
    asked.length = 0;
    const { body } = await graph.query(ERASE, { id, key: 'erase-1' }, caller(['VOLUNTEER'], '350105001', id));
    expect(body.errors).toBeUndefined();
    expect(body.data.erasePerson).toMatchObject({ id, name: '已删除', erased: true, phone: null, idNumber: null, birthDate: null });
    expect(asked.join(' ')).toMatch(/eraseElderCareCopies[\s\S]*eraseStationCopies[\s\S]*eraseVeteranCopies/);
    const [row] = await graph.db.query(
      `SELECT name, phone, birth_date, birth_year, id_number_sealed, id_number_digest, erased_at FROM directory.person WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ name: '已删除', phone: null, birth_date: null, birth_year: 1951, id_number_sealed: null, id_number_digest: null });

    const again = await graph.query(ERASE, { id }, officer);
    expect(again.body.data.erasePerson.erasedAt).toBe(body.data.erasePerson.erasedAt);
    const logged = await graph.db.query(`SELECT count(*)::int AS n FROM directory.personal_data_access WHERE person_id = $1 AND fields = '{erased}'`, [id]);
    expect(logged[0].n).toBe(1);
    // and nothing new is recorded about them
    const named = await graph.query(`mutation { updatePerson(id: "${id}", name: "林文辉") { id } }`, {}, officer);
    expect(named.body.errors?.[0].extensions.code).toBe('CONFLICT');
    const onRecord = await graph.query(`{ personOnRecord(id: "${id}") { id } }`, {}, { sub: null, roles: [], region: null, service: 'elder-care' });
    expect(onRecord.body.data.personOnRecord).toBeNull();
  });

  it('when another subgraph cannot drop its copies, then the erasure is SERVICE_UNAVAILABLE and nothing is erased', async () => {
    const id = await resident();
    othersAnswer = false;
    try {
      const { body } = await graph.query(ERASE, { id }, officer);
      expect(body.errors?.[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      othersAnswer = true;
    }
    const [row] = await graph.db.query(`SELECT name, erased_at FROM directory.person WHERE id = $1`, [id]);
    expect(row).toEqual({ name: '林文辉', erased_at: null });
  });

  it('when a person is corrected, then the correction is logged with the fields it changed, and shows in their report', async () => {
    const id = await resident();
    const { body } = await graph.query(`mutation Correct { updatePerson(id: "${id}", name: "林文晖", phone: "13905918888") { name } }`, {}, officer);
    expect(body.data.updatePerson).toEqual({ name: '林文晖' });
    const rows = await graph.db.query(`SELECT fields, actor, operation FROM directory.personal_data_access WHERE person_id = $1`, [id]);
    // alone, without the client's operation name that the gateway signs, the row names the mutation
    expect(rows).toEqual([{ fields: ['corrected:name', 'corrected:phone'], actor: officer.sub, operation: 'updatePerson' }]);
    const report = await graph.query(REPORT, { id }, officer);
    expect(report.body.data.personalDataReport.directory.reads.edges.map((e: { node: { fields: string[] } }) => e.node.fields)).toContainEqual([
      'corrected:name',
      'corrected:phone',
    ]);
  });

  it('when an unknown person is erased, then NOT_FOUND; a wrong role FORBIDDEN with its rule', async () => {
    const unknown = await graph.query(ERASE, { id: randomUUID() }, officer);
    expect(unknown.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const id = await resident();
    const foreign = await graph.query(ERASE, { id }, caller(['DISTRICT_OFFICER'], '350102'));
    expect(foreign.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'dataSubjectOrOfficer' });
    const analyst = await graph.query(ERASE, { id }, caller(['ANALYST'], '35'));
    expect(analyst.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
