import { Client } from 'pg';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import type { Identity } from '@civic/shared';
import { directory } from '../src/module';
import { isValidIdNumber } from '../src/domain/idNumber';
import { idNumberCipher } from '../src/domain/idNumberCipher';
import { directoryConfig } from '../src/config';

const officer = (region: string): Identity => ({ sub: 'a0000000-0000-4000-8000-000000000001', roles: ['DISTRICT_OFFICER'], region });
const analyst: Identity = { sub: 'a0000000-0000-4000-8000-000000000002', roles: ['ANALYST'], region: '35' };
const cityAdmin: Identity = { sub: 'a0000000-0000-4000-8000-000000000003', roles: ['CITY_ADMIN'], region: '35' };
const cipher = idNumberCipher(directoryConfig().dataKey);

describe('directory subgraph', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(directory);
  });
  afterAll(() => graph.stop());

  describe('regions', () => {
    it('when asked for 马尾区, then it has its level, parent and four streets and towns', async () => {
      const { body } = await graph.query(`{ region(code: "350105") {
        code name level parent { code name } children { code name level } ancestors { code } } }`);
      const region = body.data.region;
      expect(region).toMatchObject({ code: '350105', name: '马尾区', level: 'DISTRICT', parent: { code: '3501', name: '福州市' } });
      expect(region.children.map((c: { name: string }) => c.name).sort()).toEqual(['亭江镇', '琅岐镇', '罗星街道', '马尾镇'].sort());
      expect(region.children.every((c: { level: string }) => c.level === 'STREET')).toBe(true);
      expect(region.ancestors.map((a: { code: string }) => a.code)).toEqual(['35', '3501']);
    });

    it('when 马尾区 is asked with selfAndChildren, then the district comes first and its streets and towns after it, in code order', async () => {
      const { body } = await graph.query(`{ region(code: "350105") { selfAndChildren { code level } children { code } } }`);
      const { selfAndChildren, children } = body.data.region;
      expect(selfAndChildren[0]).toEqual({ code: '350105', level: 'DISTRICT' });
      expect(selfAndChildren.slice(1).map((r: { code: string }) => r.code)).toEqual(children.map((c: { code: string }) => c.code));
      expect(children.map((c: { code: string }) => c.code)).toEqual([...children.map((c: { code: string }) => c.code)].sort());
      expect(selfAndChildren).toHaveLength(5);
    });

    it('when the whole province is loaded, then every level of Fujian is there', async () => {
      const rows: { level: string; count: number }[] = await graph.db.query(`SELECT level, count(*)::int AS count FROM directory.region GROUP BY level`);
      const counts = Object.fromEntries(rows.map((r) => [r.level, r.count]));
      expect(counts).toEqual({ PROVINCE: 1, CITY: 9, DISTRICT: 84, STREET: 1170, COMMUNITY: 17498 });
    });

    it('when a code is unknown, then the region is null without an error', async () => {
      const { body } = await graph.query(`{ region(code: "359999") { name } }`);
      expect(body).toEqual({ data: { region: null } });
    });

    it.each(['abc', '3501051', '', '35010500100100'])('when the code %p is malformed, then BAD_USER_INPUT', async (code) => {
      const { body } = await graph.query(`query ($code: ID!) { region(code: $code) { name } }`, { code });
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.data.region).toBeNull();
    });
  });

  describe('people and their personal data', () => {
    const person = {
      id: 'b1a2c3d4-0000-4000-8000-000000000042',
      name: '林秀英',
      gender: 'FEMALE',
      birthDate: '1941-03-08',
      phone: '13812341234',
      idNumber: '350105194103081225',
      regionCode: '350105001001',
    };
    const self: Identity = { sub: person.id, roles: ['VOLUNTEER'], region: person.regionCode };
    beforeAll(async () => {
      expect(isValidIdNumber(person.idNumber)).toBe(true);
      await graph.db.query(
        `INSERT INTO directory.person (id, name, gender, birth_date, phone, id_number_sealed, id_number_digest, region_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          person.id,
          person.name,
          person.gender,
          person.birthDate,
          person.phone,
          cipher.encrypt(person.idNumber),
          cipher.digest(person.idNumber),
          person.regionCode,
        ],
      );
    });
    const QUERY = `query ReadElder($id: ID!) { person(id: $id) { id name gender birthDate phone idNumber age region { name } } }`;
    const accessRows = (): Promise<{ actor: string; fields: string[]; operation: string }[]> =>
      graph.db.query(`SELECT actor, fields, operation FROM directory.personal_data_access WHERE person_id = $1 ORDER BY id`, [person.id]);

    it('when an anonymous caller asks for a person, then FORBIDDEN and nothing of them', async () => {
      const { body } = await graph.query(QUERY, { id: person.id });
      expect(body.data.person).toBeNull();
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
      const entities = await graph.query(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }`, {
        r: [{ __typename: 'Person', id: person.id }],
      });
      expect(entities.body.data?._entities?.[0] ?? null).toBeNull();
      expect(entities.body.errors[0].extensions.code).toBe('FORBIDDEN');
    });

    it('when an analyst reads a person, then phone and ID number are masked, the birth date hidden, and nothing is logged', async () => {
      const before = (await accessRows()).length;
      const { body } = await graph.query(QUERY, { id: person.id }, analyst);
      expect(body.data.person).toMatchObject({
        name: '林秀英',
        phone: '138****1234',
        idNumber: '350105********1225',
        birthDate: null,
        region: { name: '沿山社区' },
      });
      expect(body.data.person.age).toBeGreaterThanOrEqual(85);
      expect(await accessRows()).toHaveLength(before);
    });

    it("when an officer of the person's district reads them, then the data is whole and the read is logged", async () => {
      const { body } = await graph.query(QUERY, { id: person.id }, officer('350105'));
      expect(body.data.person).toMatchObject({ phone: '13812341234', idNumber: person.idNumber, birthDate: '1941-03-08' });
      const last = (await accessRows()).at(-1);
      expect(last).toEqual({ actor: officer('350105').sub, fields: expect.arrayContaining(['phone', 'idNumber', 'birthDate']), operation: 'ReadElder' });
      expect(last?.fields).toHaveLength(3);
    });

    it('when the person reads their own record, then it is whole', async () => {
      const { body } = await graph.query(QUERY, { id: person.id }, self);
      expect(body.data.person).toMatchObject({ phone: '13812341234', idNumber: person.idNumber });
    });

    it('when an officer of another district reads them, then the data stays masked', async () => {
      const { body } = await graph.query(QUERY, { id: person.id }, officer('350504'));
      expect(body.data.person).toMatchObject({ phone: '138****1234', birthDate: null });
    });

    it('when the row is read straight from the database, then the ID number is nowhere in clear', async () => {
      const [row] = await graph.db.query(`SELECT row_to_json(p)::text AS json, id_number_sealed FROM directory.person p WHERE id = $1`, [person.id]);
      expect(row.json).not.toContain(person.idNumber);
      expect(row.json).not.toContain(Buffer.from(person.idNumber).toString('hex'));
      expect(cipher.decrypt(row.id_number_sealed)).toBe(person.idNumber);
    });

    it('when the id is not a uuid, then BAD_USER_INPUT; when unknown, then null', async () => {
      const bad = await graph.query(QUERY, { id: 'nope' }, analyst);
      expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const unknown = await graph.query(QUERY, { id: 'b1a2c3d4-0000-4000-8000-0000000000ff' }, analyst);
      expect(unknown.body).toEqual({ data: { person: null } });
    });

    describe('the access log', () => {
      const LOG = `query ($personId: ID) { personalDataAccessLog(personId: $personId, first: 10) {
        totalCount edges { node { actor actorRoles actorRegion fields operation at person { name } } } } }`;

      it('when a city administrator reads the log, then every unmasked read is there, newest first', async () => {
        const { body } = await graph.query(LOG, { personId: person.id }, cityAdmin);
        const nodes = body.data.personalDataAccessLog.edges.map((e: any) => e.node);
        expect(body.data.personalDataAccessLog.totalCount).toBe((await accessRows()).length);
        expect(nodes.map((n: any) => n.actor)).toEqual(expect.arrayContaining([officer('350105').sub, person.id]));
        expect(nodes[nodes.length - 1]).toMatchObject({ actorRoles: ['DISTRICT_OFFICER'], actorRegion: '350105', person: { name: '林秀英' } });
      });

      it('when anyone else asks for the log, then FORBIDDEN', async () => {
        for (const identity of [officer('35'), analyst]) {
          const { body } = await graph.query(LOG, { personId: person.id }, identity);
          expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
        }
      });

      it('when the log is changed in the database itself, then PostgreSQL refuses', async () => {
        // The serving role may only add and read rows (db/roles.ts); the table's triggers refuse even its owner (packages/shared/test/audit.test.ts).
        await expect(graph.db.query(`UPDATE directory.personal_data_access SET actor = 'someone else'`)).rejects.toThrow(/permission denied/);
        await expect(graph.db.query(`DELETE FROM directory.personal_data_access`)).rejects.toThrow(/permission denied/);
        await expect(graph.db.query(`TRUNCATE directory.personal_data_access`)).rejects.toThrow(/permission denied/);
      });
    });
  });

  describe('organizations', () => {
    beforeAll(async () => {
      await graph.db.query(
        `INSERT INTO directory.organization (name, kind, region_code)
         SELECT '马尾组织' || lpad(n::text, 3, '0'), CASE WHEN n % 3 = 0 THEN 'ASSOCIATION' ELSE 'GOVERNMENT_UNIT' END,
                CASE WHEN n % 2 = 0 THEN '350105001001' ELSE '350105' END
         FROM generate_series(1, 45) AS n
         UNION ALL SELECT '洛江组织' || n, 'ASSOCIATION', '350504' FROM generate_series(1, 5) AS n`,
      );
    });
    const PAGE = `query ($region: ID, $kind: OrganizationKind, $first: Int, $after: String) {
      organizations(regionCode: $region, kind: $kind, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name kind region { code } } } } }`;

    it('when paged through, then every organization of the region comes once, in name order', async () => {
      const names: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const { body } = await graph.query(PAGE, { region: '350105', first: 20, after });
        const connection: any = body.data.organizations;
        expect(connection.totalCount).toBe(45);
        names.push(...connection.edges.map((e: any) => e.node.name));
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
        pages += 1;
      } while (after);
      expect(pages).toBe(3);
      expect(names).toHaveLength(45);
      expect(names).toEqual([...names].sort());
      expect(new Set(names).size).toBe(45);
    });

    it('when filtered by kind and street, then only those match', async () => {
      const { body } = await graph.query(PAGE, { region: '350105001', kind: 'ASSOCIATION', first: 100 });
      const nodes = body.data.organizations.edges.map((e: any) => e.node);
      // n even (street community) and n divisible by 3: n = 6, 12, …, 42.
      expect(body.data.organizations.totalCount).toBe(7);
      expect(nodes.every((n: any) => n.kind === 'ASSOCIATION' && n.region.code.startsWith('350105001'))).toBe(true);
    });

    it.each([
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ region: '35x' }, 'regionCode'],
    ])('when the arguments are %p, then BAD_USER_INPUT naming %s', async (args, argument) => {
      const { body } = await graph.query(PAGE, args);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    });
  });

  describe('batching', () => {
    it('when 50 people are resolved as entities, then one SQL query loads them all', async () => {
      const ids: { id: string }[] = await graph.db.query(
        `INSERT INTO directory.person (name, gender, birth_date, region_code)
         SELECT '测试' || n, 'MALE', '1950-01-01', '350105001001' FROM generate_series(1, 50) AS n RETURNING id`,
      );
      const spy = jest.spyOn(Client.prototype, 'query');
      try {
        const { body } = await graph.query(
          `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id name region { code } } } }`,
          { reps: ids.map(({ id }) => ({ __typename: 'Person', id })) },
          analyst,
        );
        expect(body.data._entities).toHaveLength(50);
        expect(body.data._entities.every((p: any) => p.region.code === '350105001001')).toBe(true);
        const sql = spy.mock.calls.map(([text]) => String(typeof text === 'string' ? text : (text as any).text));
        expect(sql.filter((s) => /FROM "directory"\."person"/.test(s))).toHaveLength(1);
        expect(sql.filter((s) => /FROM "directory"\."region"/.test(s))).toHaveLength(1);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('the gateway signature', () => {
    it('when a request reaches the subgraph unsigned, then it is refused and reads nothing', async () => {
      const response = await fetch(graph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ _entities(representations: [{__typename: "Person", id: "x"}]) { __typename } }' }),
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });
});
