import type { DataSource } from 'typeorm';
import { coversRegion, type Identity } from '../auth/identity';
import { scratchSchema, type ScratchSchema } from '../testing/scratchSchema';
import { graphService } from '../testing/identities';
import type { WriteContext } from './declare';
import { createIdempotencyTableSql, dropIdempotencyTableSql } from './keyTable';
import { argumentsHash } from './keyStore';
import { writeRule } from './declare';
import { writePath } from './writePath';
import { declaredAnswer, serviceActor } from './authorize';

const SCHEMA = 'write_path_test';
const A = 'a0000000-0000-4000-8000-00000000000a';
const B = 'b0000000-0000-4000-8000-00000000000b';
const officer = (sub = A, region = '350105'): Identity => ({ sub, roles: ['DISTRICT_OFFICER'], region });

interface Thing {
  id: string;
  label: string;
  n: number;
}

const inRegion = writeRule<{ regionCode: string }>('officerOfRegion', "only the officers of the thing's region", (identity, facts) =>
  coversRegion(identity, facts.regionCode),
);

describe('the write path', () => {
  let scratch: ScratchSchema;
  let db: DataSource;
  const ctx = (identity: Identity): WriteContext => ({ identity, db });
  const count = async () => Number((await db.query(`SELECT count(*) FROM ${SCHEMA}.thing`))[0].count);

  const write = writePath<WriteContext>({ subgraph: 'test-graph', dbSchema: SCHEMA });
  const addThing = write.mutation<
    { label: string; n: number; regionCode?: string; fail?: boolean; idempotencyKey?: string | null },
    { label: string; n: number; regionCode: string; fail: boolean },
    Thing
  >({
    roles: ['CITY_ADMIN', 'DISTRICT_OFFICER'],
    rules: [inRegion],
    idempotencyKey: 'optional',
    parse: (args) => ({ label: args.label.trim(), n: args.n, regionCode: args.regionCode ?? '350105001001', fail: args.fail ?? false }),
    async run(w, args) {
      w.require(inRegion, { regionCode: args.regionCode });
      const [row] = await w.tx.query(`INSERT INTO ${SCHEMA}.thing (label, n, actor) VALUES ($1, $2, $3) RETURNING id, label, n`, [args.label, args.n, w.actor]);
      if (args.fail) throw new Error('the service failed after writing');
      return row;
    },
    result: {
      typename: 'Thing',
      load: async (tx, id) => (await tx.query(`SELECT id, label, n FROM ${SCHEMA}.thing WHERE id = $1`, [id]))[0],
    },
  });
  const Mutation = write.resolvers({ addThing });
  const add = (args: Record<string, unknown>, identity: Identity = officer()) =>
    Mutation.addThing(null, args as never, ctx(identity), {} as never) as Promise<Thing>;
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'OK',
      (error) => error.extensions?.code ?? error.message,
    );

  beforeAll(async () => {
    scratch = await scratchSchema(SCHEMA, 'write-path-test', 12);
    db = scratch.db;
    for (const sql of createIdempotencyTableSql(SCHEMA)) await db.query(sql);
    await db.query(`CREATE TABLE ${SCHEMA}.thing (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), label text NOT NULL, n int NOT NULL, actor uuid NOT NULL)`);
  });
  afterAll(() => scratch?.stop());

  it('when the same key comes again with the same arguments, then the first result is returned and nothing is applied twice', async () => {
    const before = await count();
    const first = await add({ label: 'one', n: 1, idempotencyKey: 'same-1' });
    const again = await add({ n: 1, label: ' one ', idempotencyKey: 'same-1' });
    expect(again).toEqual(first);
    expect(await count()).toBe(before + 1);
  });

  it('when the same key comes with other arguments, then CONFLICT names the key and nothing is applied', async () => {
    await add({ label: 'two', n: 2, idempotencyKey: 'other-args' });
    const before = await count();
    const error = await add({ label: 'two', n: 3, idempotencyKey: 'other-args' }).catch((e) => e);
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', idempotencyKey: 'other-args' });
    expect(error.message).toContain('other-args');
    expect(await count()).toBe(before);
  });

  it('when two callers use one key, then each gets its own result: their keys never meet', async () => {
    const a = await add({ label: 'shared', n: 1, idempotencyKey: 'shared-key' }, officer(A));
    const b = await add({ label: 'shared', n: 1, idempotencyKey: 'shared-key' }, officer(B));
    expect(b.id).not.toBe(a.id);
  });

  it('when one key is used by two operations, then each applies', async () => {
    const other = write.mutation<{ idempotencyKey: string }, { idempotencyKey: string }, Thing>({
      roles: ['DISTRICT_OFFICER'],
      idempotencyKey: 'required',
      run: async (w) => (await w.tx.query(`INSERT INTO ${SCHEMA}.thing (label, n, actor) VALUES ('other', 0, $1) RETURNING id, label, n`, [w.actor]))[0],
      result: { typename: 'Thing', load: async (tx, id) => (await tx.query(`SELECT id, label, n FROM ${SCHEMA}.thing WHERE id = $1`, [id]))[0] },
    });
    const first = await add({ label: 'op', n: 1, idempotencyKey: 'op-key' });
    const second = (await write.resolvers({ otherThing: other }).otherThing(null, { idempotencyKey: 'op-key' }, ctx(officer()), {} as never)) as Thing;
    expect(second.id).not.toBe(first.id);
    expect(second.label).toBe('other');
  });

  it('when a storm of concurrent retries carries one key, then the change is applied once and every retry gets the one result', async () => {
    const before = await count();
    const results = await Promise.all(Array.from({ length: 20 }, () => add({ label: 'storm', n: 7, idempotencyKey: 'storm-key' })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('when the service fails after writing, then the key is rolled back with the change and a retry applies', async () => {
    const before = await count();
    await expect(add({ label: 'fails', n: 1, fail: true, idempotencyKey: 'fail-key' })).rejects.toThrow('failed after writing');
    expect(await count()).toBe(before);
    await add({ label: 'fails', n: 1, idempotencyKey: 'fail-key' }).catch(() => undefined);
    // The retry has other arguments (fail: false), yet no CONFLICT: the failed call left no key.
    expect(await count()).toBe(before + 1);
  });

  it('when no key is given, then every call applies', async () => {
    const before = await count();
    await add({ label: 'nokey', n: 1 });
    await add({ label: 'nokey', n: 1 });
    expect(await count()).toBe(before + 2);
  });

  it.each([
    ['anonymous', { sub: null, roles: [], region: null }, 'UNAUTHENTICATED'],
    ['a subject that is not a UUID', { sub: 'admin', roles: ['CITY_ADMIN'], region: null }, 'UNAUTHENTICATED'],
    ['an analyst', { sub: A, roles: ['ANALYST'], region: '35' }, 'FORBIDDEN'],
    ['a partner', { sub: A, roles: ['PARTNER'], region: '35', partner: 'test-graph' }, 'FORBIDDEN'],
    ['a volunteer', { sub: A, roles: ['VOLUNTEER'], region: '350105' }, 'FORBIDDEN'],
    ['an officer the declared rule refuses', officer(A, '350504'), 'FORBIDDEN'],
  ] as [string, Identity, string][])('when %s writes, then it is refused with the declared code and nothing is applied', async (_who, identity, code) => {
    const before = await count();
    expect(await codeOf(add({ label: 'refused', n: 1, idempotencyKey: 'refused' }, identity))).toBe(code);
    expect(await count()).toBe(before);
  });

  it('when the declared rule refuses, then the refusal names the rule', async () => {
    const error = await add({ label: 'x', n: 1 }, officer(A, '350504')).catch((e) => e);
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'officerOfRegion' });
  });

  it('when the roles are refused, then the arguments are never looked at', async () => {
    expect(await codeOf(add({ label: null, n: 1 }, { sub: A, roles: ['ANALYST'], region: '35' }))).toBe('FORBIDDEN');
  });

  it('when a key is required and missing, or too long, then BAD_USER_INPUT names it', async () => {
    const strict = write.mutation({
      roles: ['CITY_ADMIN'],
      idempotencyKey: 'required',
      run: async () => ({ id: '1' }),
      result: { typename: 'X', load: async () => null },
    });
    const error: any = await write
      .resolvers({ strict })
      .strict(null, { idempotencyKey: '  ' }, ctx({ sub: A, roles: ['CITY_ADMIN'], region: null }), {} as never)
      .catch((e) => e);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idempotencyKey' });
    expect(await codeOf(add({ label: 'x', n: 1, idempotencyKey: 'k'.repeat(101) }))).toBe('BAD_USER_INPUT');
  });

  it('when a service applies a rule it did not declare, then it fails as a programming error', async () => {
    const sloppy = write.mutation({
      roles: ['CITY_ADMIN'],
      idempotencyKey: 'none',
      naturallyIdempotent: 'test',
      run: async (w) => w.require(inRegion, { regionCode: '35' }),
    });
    await expect(write.resolvers({ sloppy }).sloppy(null, {}, ctx({ sub: A, roles: ['CITY_ADMIN'], region: null }), {} as never)).rejects.toThrow(
      'without declaring it',
    );
  });

  it('when a declaration names ANALYST, or PARTNER outside a partner subgraph, then it is refused as the module loads', () => {
    const run = async () => ({ id: '1' });
    expect(() => write.mutation({ roles: ['ANALYST' as never], idempotencyKey: 'none', naturallyIdempotent: 'x', run })).toThrow('ANALYST');
    expect(() => write.mutation({ roles: ['PARTNER'], idempotencyKey: 'none', naturallyIdempotent: 'x', run })).toThrow('not a partner subgraph');
    expect(() => write.mutation({ roles: ['CITY_ADMIN'], idempotencyKey: 'none', run })).toThrow('naturallyIdempotent');
  });

  it('when a partner acts, then only in its own partner subgraph', () => {
    const canteens = writePath({ subgraph: 'elder-canteens', dbSchema: 'elder_canteens', partner: true });
    const declared = canteens.mutation({ roles: ['PARTNER', 'CITY_ADMIN'], idempotencyKey: 'none', naturallyIdempotent: 'x', run: async () => null });
    const partner = (name: string): Identity => ({ sub: A, roles: ['PARTNER'], region: '35', partner: name });
    expect(declaredAnswer(declared, partner('elder-canteens'))).toBeNull();
    expect(declaredAnswer(declared, partner('food-banks'))).toBe('FORBIDDEN');
    expect(declaredAnswer(declared, { sub: A, roles: ['ANALYST'], region: '35' })).toBe('FORBIDDEN');
    expect(declaredAnswer(declared, { sub: null, roles: [], region: null })).toBe('UNAUTHENTICATED');
  });

  it('when a declaration outside a partner subgraph lets every partner act on its own records, then a PARTNER of any partner gets past the role check', () => {
    const declared = write.mutation({
      roles: ['PARTNER', 'CITY_ADMIN'],
      everyPartner: 'its own webhooks only',
      idempotencyKey: 'none',
      naturallyIdempotent: 'x',
      run: async () => null,
    });
    const partner = (name: string): Identity => ({ sub: A, roles: ['PARTNER'], region: '35', partner: name });
    expect(declaredAnswer(declared, partner('elder-canteens'))).toBeNull();
    expect(declaredAnswer(declared, partner('food-banks'))).toBeNull();
    expect(declaredAnswer(declared, { sub: A, roles: ['VOLUNTEER'], region: '35' })).toBe('FORBIDDEN');
  });

  it("when a mutation is for the graph's own services, then only the declared service acts, under its own id, and no person or other service", async () => {
    const serviceOnly = write.mutation<{ label: string }, { label: string }, { actor: string }>({
      roles: [],
      services: ['elder-care'],
      idempotencyKey: 'none',
      naturallyIdempotent: 'test',
      run: async (w) => ({ actor: w.actor }),
    });
    const { deliver } = write.resolvers({ deliver: serviceOnly });
    const service = graphService;
    const call = (identity: Identity) => deliver(null, { label: 'x' }, ctx(identity), {} as never) as Promise<{ actor: string }>;
    const { actor } = await call(service('elder-care'));
    expect(actor).toBe(serviceActor('elder-care'));
    expect(actor).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(serviceActor('neighbour-stations')).not.toBe(actor);
    await expect(codeOf(call(service('assessments')))).resolves.toBe('FORBIDDEN');
    await expect(codeOf(call({ sub: A, roles: ['CITY_ADMIN'], region: null }))).resolves.toBe('FORBIDDEN');
    await expect(codeOf(call({ sub: null, roles: [], region: null }))).resolves.toBe('UNAUTHENTICATED');
    // A service is no person: it cannot act where only roles are declared.
    await expect(codeOf(add({ label: 'by a service', n: 1 }, service('elder-care')))).resolves.toBe('FORBIDDEN');
    expect(() => write.mutation({ roles: [], idempotencyKey: 'none', naturallyIdempotent: 'x', run: async () => null })).toThrow('roles or the services');
    expect(() =>
      write.mutation({
        roles: [],
        services: ['directory'],
        idempotencyKey: 'optional',
        run: async () => ({ id: '1' }),
        result: { typename: 'T', load: async () => null },
      }),
    ).toThrow('keeps no key');
  });

  it('hashes arguments canonically: key order and the key itself do not count, values do', () => {
    expect(argumentsHash({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(argumentsHash({ b: { d: [1, 2], c: 2 }, a: 1, idempotencyKey: 'k' }));
    expect(argumentsHash({ a: 1 })).not.toBe(argumentsHash({ a: 2 }));
    expect(argumentsHash({ a: [1, 2] })).not.toBe(argumentsHash({ a: [2, 1] }));
  });

  it('the migration helper undoes what it creates', async () => {
    await db.query('CREATE SCHEMA write_path_drop');
    for (const sql of createIdempotencyTableSql('write_path_drop')) await db.query(sql);
    for (const sql of dropIdempotencyTableSql('write_path_drop')) await db.query(sql);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'write_path_drop'`);
    expect(n).toBe(0);
    expect(() => createIdempotencyTableSql('bad; drop')).toThrow('identifier');
  });
});
