import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '../subgraphs/directory/src/domain/idNumber';
import { startTestGraph, TestGraph } from './harness';

const XINGANG = '350105001004'; // 马尾区罗星街道新港社区

/**
 * Identical writes sent at once through the real gateway (each its own connection):
 * the ones that wait on the first's unique row must answer as a retry does (the
 * standing row) or CONFLICT naming it, never INTERNAL_SERVER_ERROR. Several rounds,
 * since which one waits is up to the scheduler.
 */
describe('identical writes sent at once', () => {
  let graph: TestGraph;
  let officer: string;
  beforeAll(async () => {
    graph = await startTestGraph();
    officer = await graph.token(['DISTRICT_OFFICER'], '350105', randomUUID());
  });
  afterAll(() => graph.stop());

  const aPerson = async (birthDate = '1940-01-01') =>
    (
      await graph
        .db('directory')
        .query(`INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES ('并发', 'FEMALE', $1, $2) RETURNING id`, [birthDate, XINGANG])
    )[0].id as string;

  /** Sends the write `times` at once; returns each answer's error codes (none for a success). */
  const atOnce = async (query: string, variables: Record<string, unknown>, times = 6) => {
    const answers = await Promise.all(Array.from({ length: times }, () => graph.query(query, variables, officer)));
    return answers.map(({ body }) => body);
  };
  const codes = (bodies: any[]) => bodies.flatMap((b) => (b.errors ?? []).map((e: any) => e.extensions?.code));

  const cases: [string, () => Promise<{ query: string; variables: Record<string, unknown> }>][] = [
    [
      'registerElder',
      async () => ({
        query: `mutation ($input: RegisterElderInput!) { registerElder(input: $input) { id } }`,
        variables: { input: { personId: await aPerson(), communityCode: XINGANG, conditions: ['ADVANCED_AGE'], careNeeds: ['MEAL'], carers: [] } },
      }),
    ],
    [
      'registerVeteran',
      async () => ({
        query: `mutation ($input: RegisterVeteranInput!) { registerVeteran(input: $input) { id } }`,
        variables: { input: { personId: await aPerson('1950-01-01'), communityCode: XINGANG, enlistmentYear: 1968, dischargeYear: 1975 } },
      }),
    ],
    [
      'registerPerson',
      async () => ({
        query: `mutation ($n: String!) { registerPerson(name: "并发", gender: MALE, birthDate: "1948-09-02", idNumber: $n, homeCommunityCode: "${XINGANG}") { id } }`,
        variables: { n: makeIdNumber('350105', '1948-09-02', Math.floor(Math.random() * 999), 'MALE') },
      }),
    ],
    [
      'registerVolunteer',
      async () => ({
        query: `mutation ($p: ID!) { registerVolunteer(personId: $p, skills: [COMPANIONSHIP], availability: [TUE_AM]) { id } }`,
        variables: { p: await aPerson('1980-01-01') },
      }),
    ],
    [
      'appointOfficer',
      async () => ({
        query: `mutation ($p: ID!) { appointOfficer(personId: $p, regionCode: "${XINGANG}") { id } }`,
        variables: { p: await aPerson('1980-01-01') },
      }),
    ],
    [
      'registerElder with one idempotency key',
      async () => ({
        query: `mutation ($input: RegisterElderInput!, $k: String) { registerElder(input: $input, idempotencyKey: $k) { id } }`,
        variables: {
          k: randomUUID(),
          input: { personId: await aPerson(), communityCode: XINGANG, conditions: ['ADVANCED_AGE'], careNeeds: ['MEAL'], carers: [] },
        },
      }),
    ],
  ];

  it.each(cases)('%s: no answer is an internal error', async (_name, arrange) => {
    for (let round = 0; round < 4; round++) {
      const { query, variables } = await arrange();
      const bodies = await atOnce(query, variables);
      const seen = codes(bodies);
      expect(seen.filter((c) => c !== 'CONFLICT')).toEqual([]);
      expect(bodies.filter((b) => !b.errors).length).toBeGreaterThanOrEqual(1);
    }
  });
});
