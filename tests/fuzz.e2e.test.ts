import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLSchema,
} from 'graphql';
import { startTestGraph, TestGraph } from './harness';

/**
 * Every argument of every root field of the public API (schema/api.graphql), sent
 * bad values as variables: wrong types, impossible dates, NUL and other control
 * characters, out-of-range numbers, ids that are no UUIDs. Whatever the graph
 * says, it must say it with a code: no INTERNAL_SERVER_ERROR, no
 * SERVICE_UNAVAILABLE (every subgraph is up), no HTML and no HTTP 5xx.
 */
const schema: GraphQLSchema = buildSchema(readFileSync(path.join(__dirname, '..', 'schema', 'api.graphql'), 'utf8'));

const UUID = 'f0000000-0000-4000-8000-00000000f000';
const REGIONISH = /region|^code$|^near$/i;

/**
 * Ids of rows the seed made, by table (PascalCase, `ServiceRequest`), so that a
 * bad argument meets a real entity beside it and the resolver gets past "not
 * found" to where bad numbers and strings matter.
 */
type RealIds = Map<string, string>;
const ALIASES: Record<string, string> = { Volunteer: 'Person', Hall: 'HonourHall', Subject: 'Station' };
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The real id an ID argument most likely names: `toPersonId` a Person, `id` of `cancelServiceRequest` a ServiceRequest. */
function realId(ids: RealIds, argument: string, field: string): string {
  let noun = pascal(argument === 'id' ? field : argument.replace(/Ids?$/, ''));
  for (const [alias, table] of Object.entries(ALIASES)) if (noun.endsWith(alias)) noun = table;
  const match = [...ids.keys()].filter((table) => noun.endsWith(table)).sort((a, b) => b.length - a.length)[0];
  return match ? ids.get(match)! : UUID;
}

/** A value each type accepts, so that one bad argument at a time reaches the resolvers. */
function goodValue(type: GraphQLInputType, name: string, field = '', ids: RealIds = new Map()): unknown {
  if (isNonNullType(type)) return goodValue(type.ofType, name, field, ids);
  if (isListType(type)) return [goodValue(type.ofType, name, field, ids)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((inner) => isNonNullType(inner.type))
        .map((inner) => [inner.name, goodValue(inner.type, inner.name, field, ids)]),
    );
  }
  switch (type.name) {
    case 'ID':
      return REGIONISH.test(name) ? '350105001004' : realId(ids, name, field);
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'Date':
      return '2026-12-01';
    case 'DateTime':
      return '2026-12-01T09:00:00Z';
    default:
      return 'x';
  }
}

const BAD_BY_SCALAR: Record<string, unknown[]> = {
  String: ['a\u0000b', '\u0007', '', ' ', 'x'.repeat(5_000), "' OR 1=1 --", 42, { x: 1 }],
  ID: ['not-a-uuid', 'F0000000-0000-4000-8000-00000000F000', '00000000-0000-0000-0000-000000000000', '', 'a\u0000', '35010500100400', '350105', 123, []],
  Int: [2_147_483_647, -2_147_483_648, -1, 0, 2 ** 31, 1.5, '1'],
  Float: [-1, 0, 1e308, -1e308, 1e-9, 24.0001, 'one'],
  Boolean: ['yes', 1],
  Date: ['2026-02-30', '2026-13-01', 'tomorrow', '0001-01-01', '9999-12-31', 20_261_201, '2026-12-01T09:00:00Z'],
  DateTime: ['2026-12-01T25:00:00Z', 'now', '1900-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-12-01', 0],
};

/** Bad values for one position: its type's bad scalars, a null where null is not allowed, shapes of the wrong kind. */
function badValues(type: GraphQLInputType): unknown[] {
  const named = getNamedType(type);
  const values: unknown[] = [];
  if (isNonNullType(type)) values.push(null);
  if (isListType(isNonNullType(type) ? type.ofType : type)) values.push([], 'not-a-list');
  if (isEnumType(named)) values.push('NOT_A_VALUE', 1);
  else if (isInputObjectType(named)) values.push('x', {});
  else {
    const bad = BAD_BY_SCALAR[named.name] ?? BAD_BY_SCALAR.String;
    const list = isListType(isNonNullType(type) ? type.ofType : type);
    values.push(...bad.map((value) => (list ? [value] : value)));
  }
  return values;
}

interface Case {
  field: string;
  what: string;
  query: string;
  variables: Record<string, unknown>;
}

function cases(operation: 'query' | 'mutation', root: GraphQLObjectType, ids: RealIds = new Map()): Case[] {
  const out: Case[] = [];
  for (const field of Object.values(root.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (field.args.length === 0) continue;
    const definitions = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const uses = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
    const query = `${operation} (${definitions}) { ${field.name}(${uses})${selection} }`;
    const base = Object.fromEntries(
      field.args.filter((a) => isNonNullType(a.type)).map((a: GraphQLArgument) => [a.name, goodValue(a.type, a.name, field.name, ids)]),
    );
    out.push({ field: field.name, what: 'good values', query, variables: base });
    for (const arg of field.args) {
      for (const bad of badValues(arg.type)) {
        out.push({ field: field.name, what: `${arg.name} = ${JSON.stringify(bad)?.slice(0, 40)}`, query, variables: { ...base, [arg.name]: bad } });
      }
      // One level into an input object: each of its fields bad in turn.
      const named = getNamedType(arg.type);
      if (isInputObjectType(named)) {
        const whole = goodValue(named, arg.name, field.name, ids) as Record<string, unknown>;
        const wrap = (value: unknown) => (isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type) ? [value] : value);
        for (const inner of Object.values(named.getFields())) {
          for (const bad of badValues(inner.type)) {
            out.push({
              field: field.name,
              what: `${arg.name}.${inner.name} = ${JSON.stringify(bad)?.slice(0, 40)}`,
              query,
              variables: { ...base, [arg.name]: wrap({ ...whole, [inner.name]: bad }) },
            });
          }
        }
      }
    }
  }
  return out;
}

/** Sends every case, four at a time, and lists each answer that is not a coded one. */
async function uncodedAnswers(url: string, token: string, all: Case[]): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < all.length) {
      const item = all[next++];
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: item.query, variables: item.variables }),
      });
      const text = await response.text();
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        failures.push(`${item.field} (${item.what}): HTTP ${response.status}, not JSON: ${text.slice(0, 80)}`);
        continue;
      }
      const codes: string[] = (body.errors ?? []).map((e: any) => e.extensions?.code);
      const bad = codes.filter((code) => code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE' || !code);
      if (response.status >= 500 || bad.length) {
        failures.push(
          `${item.field} (${item.what}): HTTP ${response.status}, ${JSON.stringify(body.errors?.map((e: any) => [e.extensions?.code, e.message])).slice(0, 200)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return failures;
}

describe('a fuzz of every argument of every root field', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    // Every argument of every field, fast: on a loaded machine a call may take longer than the default 5 s, which is not what this test is about.
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' }, subgraphTimeoutMs: 30_000 });
  });
  afterAll(() => graph.stop());

  const roots = (ids?: RealIds) => [...cases('query', schema.getQueryType()!, ids), ...cases('mutation', schema.getMutationType()!, ids)];

  it(`when ${roots().length} requests send bad arguments beside ids of nothing, then each is answered with a code: no internal error, no outage, no HTML, no 5xx`, async () => {
    expect(await uncodedAnswers(graph.url, await graph.token(['CITY_ADMIN'], '35'), roots())).toEqual([]);
  }, 600_000);

  it('when the same bad arguments sit beside ids of seeded rows, then each is still answered with a code', async () => {
    // One id per table of each subgraph's own schema, read with that subgraph's own connection.
    const ids: RealIds = new Map();
    for (const { module } of graph.subgraphs) {
      const db = graph.db(module.name);
      const tables: { table_schema: string; table_name: string }[] = await db.query(
        `SELECT table_schema, table_name FROM information_schema.columns
          WHERE column_name = 'id' AND data_type = 'uuid' AND table_schema = $1`,
        [module.name.replace(/-/g, '_')],
      );
      for (const { table_schema, table_name } of tables) {
        const [row] = await db.query(`SELECT id::text AS id FROM "${table_schema}"."${table_name}" LIMIT 1`);
        const name = table_name.split('_').map(pascal).join('');
        if (row && !ids.has(name)) ids.set(name, row.id);
      }
    }
    expect(ids.size).toBeGreaterThan(10);
    expect(await uncodedAnswers(graph.url, await graph.token(['CITY_ADMIN'], '35'), roots(ids))).toEqual([]);
  }, 600_000);

  it('when a volunteer who is a seeded person sends them, then each is answered with a code too', async () => {
    const [{ id: person }] = await graph.db('directory').query(`SELECT id::text AS id FROM directory.person ORDER BY id LIMIT 1`);
    const ids: RealIds = new Map([['Person', person]]);
    const volunteer = await graph.token(['VOLUNTEER'], '350105001004', person);
    expect(await uncodedAnswers(graph.url, volunteer, roots(ids))).toEqual([]);
  }, 600_000);
});
