import { randomUUID } from 'node:crypto';
import type { Identity } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { directory } from '../src/module';

const ON_RECORD = `query ($id: ID!) { personOnRecord(id: $id) { id birthYear } }`;
/** One of the graph's own subgraphs, as the gateway signs it on after verifying its call. */
const VETERAN_VOLUNTEERS: Identity = { sub: null, roles: [], region: null, partner: null, service: 'veteran-volunteers' };

/** What the directory tells the graph's own subgraphs of a person: that they exist and their year of birth (issue 14.1). */
describe('personOnRecord', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(directory);
  });
  afterAll(() => graph.stop());

  it('when a subgraph asks for a person, then the id and birth year are answered and nothing more', async () => {
    const [row] = await graph.db.query(
      `INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES ('黄阿公', 'MALE', '1941-11-03', '350105001004') RETURNING id`,
    );
    const { body } = await graph.query(ON_RECORD, { id: row.id }, VETERAN_VOLUNTEERS);
    expect(body).toEqual({ data: { personOnRecord: { id: row.id, birthYear: 1941 } } });
    // Nothing shown whole, nothing logged.
    expect((await graph.db.query(`SELECT count(*)::int AS n FROM directory.personal_data_access WHERE person_id = $1`, [row.id]))[0].n).toBe(0);
  });

  it('when a client asks, anonymous or signed in, then FORBIDDEN: a birth year is personal data that masking withholds', async () => {
    const [row] = await graph.db.query(
      `INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES ('林阿婆', 'FEMALE', '1938-05-20', '350105001004') RETURNING id`,
    );
    const volunteer: Identity = { sub: randomUUID(), roles: ['VOLUNTEER'], region: '350105001004', partner: null };
    for (const identity of [undefined, volunteer]) {
      const { body } = await graph.query(ON_RECORD, { id: row.id }, identity);
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(JSON.stringify(body)).not.toContain('1938');
    }
  });

  it('when the id is unknown, then null; when it is not a UUID, then BAD_USER_INPUT', async () => {
    expect((await graph.query(ON_RECORD, { id: randomUUID() }, VETERAN_VOLUNTEERS)).body.data.personOnRecord).toBeNull();
    expect((await graph.query(ON_RECORD, { id: 'x' }, VETERAN_VOLUNTEERS)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
