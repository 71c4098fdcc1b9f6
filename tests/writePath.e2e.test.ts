import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  isObjectType,
  isScalarType,
  type GraphQLField,
} from 'graphql';
import { chinaToday, declaredAnswer, type DeclaredWrite, type Identity, type Role, ROLES } from '@civic/shared';
import { SUBGRAPHS } from '../graph/subgraphs';
import { startTestGraph, TestGraph } from './harness';

/**
 * Every mutation of the composed API × every kind of caller, through the real
 * gateway: each answers as its declaration says (SubgraphModule.writes). A refused
 * caller gets the declared code; an allowed one gets past the write path (a made-up
 * id is NOT_FOUND, a dummy string BAD_USER_INPUT…), never UNAUTHENTICATED or
 * FORBIDDEN. A mutation without a declaration fails the walk.
 */
const api = buildSchema(readFileSync(path.join(__dirname, '..', 'schema', 'api.graphql'), 'utf8'));
const mutations = Object.values(api.getMutationType()?.getFields() ?? {});

const declarations = new Map<string, DeclaredWrite>();
for (const module of SUBGRAPHS) for (const [field, declared] of Object.entries(module.writes ?? {})) declarations.set(field, declared);

/** A syntactically valid value of the type: a fresh UUID for an ID, the first value of an enum, every required input field. */
function dummy(type: GraphQLInputType): unknown {
  if (type instanceof GraphQLNonNull) return dummy(type.ofType);
  if (type instanceof GraphQLList) return [dummy(type.ofType)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0].value;
  if (type instanceof GraphQLInputObjectType) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => f.type instanceof GraphQLNonNull)
        .map((f) => [f.name, dummy(f.type)]),
    );
  }
  const scalars: Record<string, unknown> = {
    ID: randomUUID(),
    String: 'x',
    Int: 1,
    Float: 1,
    Boolean: true,
    Date: chinaToday(),
    DateTime: new Date().toISOString(),
  };
  const name = (type as GraphQLScalarType).name;
  if (!(name in scalars)) throw new Error(`no dummy value for scalar ${name}`);
  return scalars[name];
}

function operation(field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  // Required arguments, and the key wherever a mutation takes one (so the key store is walked too).
  const args = field.args.filter((a) => a.type instanceof GraphQLNonNull || a.name === 'idempotencyKey');
  const variables = Object.fromEntries(args.map((a) => [a.name, a.name === 'idempotencyKey' ? `walk-${randomUUID()}` : dummy(a.type)]));
  const params = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isScalarType(getNamedType(field.type)) ? '' : ' { __typename }';
  const named = isObjectType(getNamedType(field.type)) || isScalarType(getNamedType(field.type));
  if (!named) throw new Error(`${field.name} returns neither an object nor a scalar`);
  return { query: `mutation Walk${params ? `(${params})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`, variables };
}

type Caller = { label: string; identity: Identity };
const sub = (n: number) => `e0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const CALLERS: Caller[] = [
  { label: 'anonymous', identity: { sub: null, roles: [], region: null, partner: null } },
  ...ROLES.map((role: Role, n) => ({
    label: role === 'PARTNER' ? 'PARTNER of elder-canteens' : role,
    identity: { sub: sub(n + 1), roles: [role], region: '35', partner: role === 'PARTNER' ? 'elder-canteens' : null },
  })),
  { label: 'PARTNER of another subgraph', identity: { sub: sub(9), roles: ['PARTNER'], region: '35', partner: 'food-banks' } },
];

describe('every mutation answers every caller as declared', () => {
  let graph: TestGraph;
  const tokens = new Map<string, string | undefined>();
  beforeAll(async () => {
    graph = await startTestGraph();
    for (const { label, identity } of CALLERS) {
      tokens.set(
        label,
        identity.sub ? await graph.token(identity.roles, identity.region ?? undefined, identity.sub, identity.partner ?? undefined) : undefined,
      );
    }
  });
  afterAll(() => graph.stop());

  it('when the composed schema is read, then every mutation has a declaration and every declaration a mutation', () => {
    expect(mutations.length).toBeGreaterThan(30);
    expect(mutations.map((m) => m.name).filter((name) => !declarations.has(name))).toEqual([]);
    expect([...declarations.keys()].filter((name) => !mutations.some((m) => m.name === name))).toEqual([]);
  });

  it('when a mutation that creates or moves something is declared with a key, then the composed API takes idempotencyKey', () => {
    const keyed = [...declarations].filter(([, d]) => d.idempotencyKey !== 'none').map(([name]) => name);
    const missing = keyed.filter((name) => !mutations.find((m) => m.name === name)?.args.some((a) => a.name === 'idempotencyKey'));
    expect(missing).toEqual([]);
  });

  it.each(CALLERS.map((c) => [c.label, c] as const))('when %s sends every mutation, then each answers as declared', async (_label, caller) => {
    const wrong: string[] = [];
    for (const field of mutations) {
      const declared = declarations.get(field.name);
      if (!declared) continue; // reported by the test above
      const { query, variables } = operation(field);
      const { status, body } = await graph.query(query, variables, tokens.get(caller.label));
      const code: string | undefined = body.errors?.[0]?.extensions?.code;
      const expected = declaredAnswer(declared, caller.identity);
      const ok = expected ? code === expected : status === 200 && code !== 'UNAUTHENTICATED' && code !== 'FORBIDDEN' && code !== 'INTERNAL_SERVER_ERROR';
      if (!ok)
        wrong.push(
          `${field.name}: expected ${expected ?? 'to get past the write path'}, got HTTP ${status} ${code ?? 'data'} (${body.errors?.[0]?.message ?? ''})`,
        );
    }
    expect(wrong).toEqual([]);
  });

  it('when canteen staff enrol an elder, then the elder is confirmed with elder care through the graph', async () => {
    const [canteen] = await graph.db('elder-canteens').query(
      `INSERT INTO elder_canteens.canteen (name, region_code, address, seats, meal_price_cents, serving_hours)
       VALUES ('走查食堂', '350105001004', '新港', 10, 1000, '11:00-12:30') RETURNING id`,
    );
    const [elder] = await graph
      .db('elder-care')
      .query(`INSERT INTO elder_care.elder (person_id, region_code) VALUES ($1, '350105001004') RETURNING id`, [randomUUID()]);
    const partner = await graph.token(['PARTNER'], '350105', sub(20), 'elder-canteens');
    const ENROL = `mutation ($c: ID!, $e: ID!) { enrolDiner(canteenId: $c, elderId: $e, subsidyCategory: NONE) { elder { id } canteen { id } } }`;
    const unknown = await graph.query(ENROL, { c: canteen.id, e: randomUUID() }, partner);
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const known = await graph.query(ENROL, { c: canteen.id, e: elder.id.toUpperCase() }, partner);
    expect(known.body.data.enrolDiner).toEqual({ elder: { id: elder.id }, canteen: { id: canteen.id } });
  });
});
