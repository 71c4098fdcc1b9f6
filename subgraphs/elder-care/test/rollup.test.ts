import { randomUUID } from 'node:crypto';
import {
  EXACT_FIGURES,
  readsOf,
  regionRepresentations,
  regionsInUseAgainstOracle,
  rollupAgainstOracle,
  rollupReadTests,
  startSubgraphHarness,
  SubgraphHarness,
} from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { ELDER_CARE_FIELDS, ELDER_CARE_ROLLUP, ELDER_TABLE, EMERGENCY_TABLE, REQUEST_TABLE } from '../src/repositories/rollup';
import { BREAKDOWN_FIGURES } from '../src/repositories/regionStats';
import { readRollup } from '@civic/shared';
import { ELDER_CARE_ORACLE as ORACLE, ELDERS_BY_CONDITION_SQL, REQUESTS_BY_CATEGORY_SQL } from './rollupOracle';
import { anElder, anonymous, person, volunteer } from './arrange';

const COMMUNITIES = ['350105001004', '350105001002', '350105102227', '350504001001', '350203001001'];
const PLACE = `mutation ($e: ID!, $c: ServiceCategory!) { requestService(elderId: $e, category: $c, mode: VOLUNTEER_CLAIM) { id } }`;
const CLAIM = `mutation ($id: ID!) { claimServiceRequest(id: $id) { id } }`;
const COMPLETE = `mutation ($id: ID!, $hours: Float!) { completeServiceRequest(id: $id, hours: $hours) { id } }`;
const RATE = `mutation ($id: ID!) { rateServiceRequest(id: $id, rating: 5) { id } }`;
const CANCEL = `mutation ($id: ID!) { cancelServiceRequest(id: $id) { id } }`;

describe('elder care figures from the rollup', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  const expectExact = async () => {
    const compared = await rollupAgainstOracle(graph.db, ELDER_CARE_ROLLUP, ELDER_CARE_FIELDS, ORACLE);
    expect(compared.rollup).toEqual(compared.oracle);
    const codes = compared.codes;
    const sums = await readRollup(graph.db, ELDER_CARE_ROLLUP, codes, [...BREAKDOWN_FIGURES.byCondition, ...BREAKDOWN_FIGURES.byCategory]);
    const conditions = await graph.db.query(ELDERS_BY_CONDITION_SQL, [codes]);
    const categories = await graph.db.query(REQUESTS_BY_CATEGORY_SQL, [codes]);
    for (const [i, code] of codes.entries()) {
      for (const c of conditions[i].by_condition)
        expect([code, c.condition, sums.get(code)!.get(`eldersWith:${c.condition}`)]).toEqual([code, c.condition, c.elders]);
      for (const c of categories[i].by_category) {
        expect([code, c.category, sums.get(code)!.get(`requests:${c.category}`), sums.get(code)!.get(`completed:${c.category}`)]).toEqual([
          code,
          c.category,
          c.requests,
          c.completed,
        ]);
      }
    }
    const inUse = await regionsInUseAgainstOracle(graph.db, ELDER_CARE_ROLLUP, [ELDER_TABLE, REQUEST_TABLE, EMERGENCY_TABLE]);
    expect(inUse.rollup).toEqual(inUse.oracle);
  };

  /** A request of an elder of the community through the mutations, taken as far as `until`. */
  async function aRequest(community: string, until: 'OPEN' | 'CLAIMED' | 'COMPLETED' | 'RATED' | 'CANCELLED', i: number) {
    const elder = await anElder(graph.db, community, i % 2 ? ['DISABLED'] : ['ADVANCED_AGE', 'LOW_INCOME']);
    const helper = volunteer(randomUUID(), community);
    const placed = await graph.query(PLACE, { e: elder.id, c: ['MEAL', 'VISIT', 'CLINIC', 'COMPANIONSHIP'][i % 4] }, person(elder.personId));
    const id = placed.body.data.requestService.id as string;
    if (until === 'CANCELLED') await graph.query(CANCEL, { id }, person(elder.personId));
    if (until === 'OPEN' || until === 'CANCELLED') return id;
    await graph.query(CLAIM, { id }, helper);
    if (until === 'CLAIMED') return id;
    await graph.query(COMPLETE, { id, hours: 0.5 + (i % 5) * 0.75 }, helper);
    if (until === 'RATED') expect((await graph.query(RATE, { id }, person(elder.personId))).body.errors).toBeUndefined();
    return id;
  }

  it('when requests are placed, claimed, completed, rated and cancelled through the mutations, many at once, and rows move region, then every figure equals the aggregate over the tables', async () => {
    const steps = ['OPEN', 'CLAIMED', 'COMPLETED', 'RATED', 'CANCELLED'] as const;
    for (let i = 0; i < 10; i += 1) await aRequest(COMMUNITIES[i % 5], steps[(i * 3) % 5], i);
    await expectExact();
    // a burst: the subgraph serves them on several connections at once
    await Promise.all(Array.from({ length: 12 }, (_, i) => aRequest(COMMUNITIES[(i * 2) % 5], steps[i % 5], i)));
    await expectExact();
    const [province] = (await rollupAgainstOracle(graph.db, ELDER_CARE_ROLLUP, ELDER_CARE_FIELDS, ORACLE)).rollup.filter((r) => r.code === '35');
    expect(province).toMatchObject({ elders: 22, openRequests: 5, completedServices: 8 });
    expect(province.hoursDeposited).toBeGreaterThan(0);
    expect(province.hoursPending).toBeGreaterThan(0);
    // status changes of open ones, and rows moved to another region (no mutation moves them: as a data correction would)
    const open: { id: string }[] = await graph.db.query(`SELECT id FROM elder_care.service_request WHERE status = 'OPEN' LIMIT 3`);
    for (const { id } of open) await graph.query(CANCEL, { id }, EXACT_FIGURES);
    await graph.db.query(`UPDATE elder_care.elder SET region_code = '350504001001', conditions = '{EMPTY_NEST}' WHERE region_code = '350105001002'`);
    await graph.db.query(`UPDATE elder_care.service_request SET region_code = '350203001001' WHERE region_code = '350105102227'`);
    await graph.db.query(`UPDATE elder_care.time_bank_account SET region_code = '350105001004' WHERE kind = 'PERSON' AND region_code = '350504001001'`);
    await expectExact();
  });

  rollupReadTests({
    graph: () => graph,
    rollup: ELDER_CARE_ROLLUP,
    dashboard: 'elderCare { elders openRequests completedServices hoursDeposited }',
    oneField: { selection: 'elderCare { hoursOutstanding }', figures: ['hoursOutstanding'] },
    writes: async (tx) => {
      await tx.query(`INSERT INTO elder_care.elder (person_id, region_code) SELECT gen_random_uuid(), '350105001004' FROM generate_series(1, 50)`);
      await tx.query(`UPDATE elder_care.service_request SET status = 'CANCELLED' WHERE status = 'OPEN'`);
    },
    expectExact,
  });

  it('when a caller asks which counts are withheld, then every count is read beside the figures asked, and nothing else', async () => {
    const hours = await readsOf(
      graph,
      ELDER_CARE_ROLLUP,
      `query ($codes: [_Any!]!) { _entities(representations: $codes) { ... on Region { elderCare { hoursOutstanding suppressed } } } }`,
      regionRepresentations('350105'),
      anonymous,
    );
    expect(hours.figures).toEqual([['completedServices', 'elders', 'hoursOutstanding', 'openRequests']]);
    expect(Object.keys(hours.body.data._entities[0].elderCare).sort()).toEqual(['hoursOutstanding', 'suppressed']);
  });
});
