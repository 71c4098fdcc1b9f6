import { randomUUID } from 'node:crypto';
import { recordStatements, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { anAccountWith, anElder, cityAdmin, officer } from './arrange';

const withoutAudit = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([name]) => !name.startsWith('appendAudit')));

describe('statements per request in elder care', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  it("when three people's time banks are asked in one call, then their entries and counts are one statement each", async () => {
    const people = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of people.entries()) await anAccountWith(graph.db, id, i + 1);
    const reps = people.map((id) => ({ __typename: 'Person', id }));
    const query = (first: number) => `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
      timeBank { entries(first: ${first}) { totalCount edges { node { kind hours } } } } } } }`;
    const log = recordStatements(graph.db);
    try {
      const { body } = await graph.query(query(5), { reps }, cityAdmin());
      expect(body.errors).toBeUndefined();
      expect(body.data._entities.map((p: any) => p.timeBank)).toEqual(
        [1, 2, 3].map((hours) => ({ entries: { totalCount: 1, edges: [{ node: { kind: 'DEPOSIT', hours } }] } })),
      );
      // A first page holding the whole list is its own count: no count statement at all.
      expect(withoutAudit(log.countByName())).toEqual({ accountsByPersons: 1, ledgerPageOfAccounts: 1 });

      // An opening balance each: a page of one has more after it, so the three are counted, together.
      await graph.db.query(
        `INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours)
         SELECT 'OPENING_BALANCE', i.id, a.id, 0.5 FROM elder_care.time_bank_account a, elder_care.time_bank_account i
         WHERE a.person_id = ANY($1::uuid[]) AND i.kind = 'ISSUING' AND i.region_code = '3501'`,
        [people],
      );
      log.clear();
      const paged = await graph.query(query(1), { reps }, cityAdmin());
      expect(paged.body.errors).toBeUndefined();
      expect(paged.body.data._entities.map((p: any) => p.timeBank.entries.totalCount)).toEqual([2, 2, 2]);
      expect(withoutAudit(log.countByName())).toEqual({ accountsByPersons: 1, ledgerPageOfAccounts: 1, ledgerCountOfAccounts: 1 });
    } finally {
      log.stop();
    }
  });

  describe('a list of service requests', () => {
    const community = '350105001007';
    beforeAll(async () => {
      const elder = await anElder(graph.db, community);
      await graph.db.query(
        `INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, created_at)
         SELECT $1, $2, 'VISIT', 'VOLUNTEER_CLAIM', now() - n * interval '1 hour' FROM generate_series(1, 30) AS n`,
        [elder.id, community],
      );
    });
    const LIST = (fields: string) => `query ($after: String) { serviceRequests(regionCode: "${community}", first: 10, after: $after) { ${fields} } }`;

    it('when pages are asked without totalCount, then each page is one statement and nothing counts the region', async () => {
      const log = recordStatements(graph.db);
      try {
        const first = await graph.query(LIST('pageInfo { endCursor } edges { node { id } }'), {}, officer());
        expect(first.body.data.serviceRequests.edges).toHaveLength(10);
        const second = await graph.query(LIST('edges { node { id } }'), { after: first.body.data.serviceRequests.pageInfo.endCursor }, officer());
        expect(second.body.data.serviceRequests.edges).toHaveLength(10);
        expect(withoutAudit(log.countByName())).toEqual({ requestsPage: 2 });
        log.clear();
        const counted = await graph.query(LIST('totalCount'), {}, officer());
        expect(counted.body.data.serviceRequests.totalCount).toBe(30);
        expect(withoutAudit(log.countByName())).toEqual({ requestsPage: 1, requestsCount: 1 });
      } finally {
        log.stop();
      }
    });

    it("when a community's page is explained, then it reads the (region_code, created_at, id) index in order, without sorting", async () => {
      const log = recordStatements(graph.db);
      try {
        await graph.query(LIST('edges { node { id } }'), {}, officer());
      } finally {
        log.stop();
      }
      const page = log.statements.find((s) => s.name === 'requestsPage')!;
      // A small test table would be read whole whatever the indexes: sequential scans off, the index must serve.
      const plan = await graph.db.transaction(async (tx) => {
        await tx.query(`SET LOCAL enable_seqscan = off`);
        const rows: { 'QUERY PLAN': string }[] = await tx.query(`EXPLAIN ${page.sql}`, page.parameters);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      // Requests are partitioned by city (migration PartitionedRequests): the list index of the community's city alone.
      expect(plan).toMatch(/Index Scan Backward using service_request_3501_region_code_created_at_id_idx on service_request_3501/);
      expect(plan).not.toMatch(/service_request_(350[02-9]|default)/);
      expect(plan).not.toMatch(/Sort/);
    });
  });
});
