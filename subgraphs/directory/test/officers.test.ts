import { randomUUID } from 'node:crypto';
import type { Identity } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { directory } from '../src/module';
import { officerRepository } from '../src/repositories/officers';

const APPOINT = `mutation ($p: ID!, $r: ID!) { appointOfficer(personId: $p, regionCode: $r) { id endedAt } }`;
const CITY_ADMIN: Identity = { sub: randomUUID(), roles: ['CITY_ADMIN'], region: '35', partner: null };

/** Who the region's officers are (issue 16.3): one standing appointment per person and region. */
describe('officer appointments', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(directory);
  });
  afterAll(() => graph.stop());

  it('when the same appointment is sent several times at once, then each answer is the one standing appointment, none an internal error', async () => {
    const [person] = await graph.db.query(
      `INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES ('郑社工', 'FEMALE', '1985-06-07', '350105001004') RETURNING id`,
    );
    // Concurrent INSERT … ON CONFLICT DO NOTHING: the ones that wait see the first's row only in a statement of their own.
    const answers = await Promise.all(Array.from({ length: 8 }, () => graph.query(APPOINT, { p: person.id, r: '350105001004' }, CITY_ADMIN)));
    for (const { body } of answers) expect(body.errors).toBeUndefined();
    expect(new Set(answers.map(({ body }) => body.data.appointOfficer.id)).size).toBe(1);
    const [{ n }] = await graph.db.query(`SELECT count(*)::int AS n FROM directory.officer_appointment WHERE person_id = $1`, [person.id]);
    expect(n).toBe(1);
  });

  it('when an appointment waits on one not yet committed, then it returns that one once it is', async () => {
    const [person] = await graph.db.query(
      `INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES ('黄社工', 'MALE', '1980-02-03', '350105001004') RETURNING id`,
    );
    const first = graph.db.createQueryRunner();
    const second = graph.db.createQueryRunner();
    try {
      await first.startTransaction();
      const made = await officerRepository(first.manager).appoint(person.id, '350105', randomUUID());
      await second.startTransaction();
      // Blocks on the first's unique row until it commits; its own statement's snapshot cannot see that row.
      const waiting = officerRepository(second.manager).appoint(person.id, '350105', randomUUID());
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.commitTransaction();
      expect((await waiting)?.id).toBe(made.id);
      await second.commitTransaction();
    } finally {
      await first.release();
      await second.release();
    }
  });
});
