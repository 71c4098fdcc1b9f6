import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isObjectType, parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import { readOperations } from '@civic/gateway/src/web/operations';
import { SCHEMA_DIR } from '../src/composition';

/**
 * A client cache (Apollo Client's InMemoryCache, urql's graphcache) normalises an
 * object by its `id` (a Region by its `code`, see the README's typePolicies): an
 * example operation that leaves `id` out teaches clients to write queries whose
 * answers cannot be merged or updated after a mutation. Every selection of a type
 * that has an `id` selects it; a Region selects `code`.
 */
const api: GraphQLSchema = buildSchema(readFileSync(path.join(SCHEMA_DIR, 'api.graphql'), 'utf8'));
const operations = readOperations(path.join(SCHEMA_DIR, 'operations'));

function selectionsWithoutKey(query: string): string[] {
  const missing: string[] = [];
  const typeInfo = new TypeInfo(api);
  visit(
    parse(query),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const type = getNamedType(typeInfo.getType());
        if (!node.selectionSet || !isObjectType(type)) return;
        const key = type.name === 'Region' ? 'code' : 'id';
        if (!type.getFields()[key]) return;
        // Fragments spread here count: the key may come from any of them.
        const names = new Set<string>();
        const collect = (set: typeof node.selectionSet, seen = new Set<string>()) => {
          for (const s of set.selections) {
            if (s.kind === 'Field') names.add(s.name.value);
            else if (s.kind === 'InlineFragment') collect(s.selectionSet, seen);
            else if (s.kind === 'FragmentSpread' && !seen.has(s.name.value)) {
              seen.add(s.name.value);
              const fragment = parse(query).definitions.find((d) => d.kind === 'FragmentDefinition' && d.name.value === s.name.value);
              if (fragment && fragment.kind === 'FragmentDefinition') collect(fragment.selectionSet, seen);
            }
          }
        };
        collect(node.selectionSet);
        if (!names.has(key)) missing.push(`${(node.alias ?? node.name).value}: ${type.name} without ${key}`);
      },
    }),
  );
  return missing;
}

describe('the example operations of schema/operations/', () => {
  it.each(operations.map((op) => [op.name, op.query]))('when %s selects an object with an id, then it selects the id', (_name, query) => {
    expect(selectionsWithoutKey(query)).toEqual([]);
  });

  it('when a selection leaves the id out, then the check names it', () => {
    expect(selectionsWithoutKey('{ region(code: "350105") { name } station(id: "x") { name } }')).toEqual([
      'region: Region without code',
      'station: Station without id',
    ]);
  });
});
