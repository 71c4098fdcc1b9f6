import { Kind, parse, type ConstDirectiveNode, type StringValueNode } from 'graphql';

/** Which subgraphs resolve each field (Type.field → subgraph names), read from a supergraph's @join__field. */
export function fieldOwners(supergraphSdl: string): Map<string, Set<string>> {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const def of document.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === 'join__Graph') {
      for (const value of def.values ?? []) {
        const name = stringArg(value.directives?.find((d) => d.name.value === 'join__graph'), 'name');
        if (name) graphNames.set(value.name.value, name);
      }
    }
  }
  const owners = new Map<string, Set<string>>();
  for (const def of document.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    // A field with no @join__field is resolved by every subgraph that defines its type.
    const typeGraphs = graphArgs(def.directives ?? [], 'join__type', graphNames);
    for (const field of def.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const graphs = joins.length ? graphArgs(joins.filter((d) => !booleanArg(d, 'external')), 'join__field', graphNames) : typeGraphs;
      if (graphs.length) owners.set(`${def.name.value}.${field.name.value}`, new Set(graphs));
    }
  }
  return owners;
}

/**
 * Fields that a subgraph resolved before and no longer does although the field
 * is still in the graph: another subgraph took it over (@override) or it moved.
 * Whoever depended on that subgraph's answer must agree, so composition refuses it.
 */
export function ownershipChanges(previousSupergraph: string, nextSupergraph: string): string[] {
  const before = fieldOwners(previousSupergraph);
  const after = fieldOwners(nextSupergraph);
  const problems: string[] = [];
  for (const [field, previous] of before) {
    const next = after.get(field);
    if (!next) continue; // dropped from the graph: the API diff reports it
    for (const graph of previous) {
      if (!next.has(graph)) {
        problems.push(`${field} was resolved by ${graph} and is now resolved by ${[...next].join(', ')} instead`);
      }
    }
  }
  return problems;
}

function graphArgs(directives: readonly ConstDirectiveNode[], directive: string, graphNames: Map<string, string>): string[] {
  return directives
    .filter((d) => d.name.value === directive)
    .map((d) => d.arguments?.find((a) => a.name.value === 'graph')?.value)
    .flatMap((v) => (v?.kind === Kind.ENUM ? [graphNames.get(v.value) ?? v.value] : []));
}

function stringArg(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = directive?.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? (value as StringValueNode).value : undefined;
}

function booleanArg(directive: ConstDirectiveNode, name: string): boolean {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.BOOLEAN && value.value;
}
