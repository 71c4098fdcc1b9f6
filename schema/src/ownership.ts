import { Kind, parse, print, type ConstDirectiveNode, type DocumentNode, type StringValueNode } from 'graphql';

/** Which subgraphs resolve each field (Type.field → subgraph names), read from a supergraph's @join__field. */
export function fieldOwners(supergraphSdl: string): Map<string, Set<string>> {
  const document = parse(supergraphSdl);
  const graphNames = joinGraphNames(document);
  const owners = new Map<string, Set<string>>();
  for (const def of document.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    // A field with no @join__field is resolved by every subgraph that defines its type.
    const typeGraphs = graphArgs(def.directives ?? [], 'join__type', graphNames);
    for (const field of def.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const graphs = joins.length
        ? graphArgs(
            joins.filter((d) => !booleanArg(d, 'external')),
            'join__field',
            graphNames,
          )
        : typeGraphs;
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

/**
 * Fields one subgraph contributes to an entity another subgraph owns that are
 * non-null: when the contributing subgraph is down, a non-null field's null climbs
 * to the entity (a dashboard's whole `region`), so each must be nullable and a
 * missing domain costs only its own fields. An entity's owner is the first
 * subgraph, in registry order, that resolves any of its fields besides the key:
 * later subgraphs can only add to what is already there.
 */
export function nonNullContributions(supergraphSdl: string, registryOrder: string[]): string[] {
  const document = parse(supergraphSdl);
  const graphNames = joinGraphNames(document);
  const problems: string[] = [];
  for (const def of document.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const isEntity = (def.directives ?? []).some((d) => d.name.value === 'join__type' && d.arguments?.some((a) => a.name.value === 'key'));
    if (!isEntity) continue;
    // Only fields with their own @join__field are resolved by some of the type's subgraphs, not all.
    const resolvedBy = (def.fields ?? []).map((field) => {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field' && !booleanArg(d, 'external'));
      return { field, graphs: graphArgs(joins, 'join__field', graphNames) };
    });
    const rank = (graph: string) => (registryOrder.includes(graph) ? registryOrder.indexOf(graph) : registryOrder.length);
    const owner = [...new Set(resolvedBy.flatMap((r) => r.graphs))].sort((a, b) => rank(a) - rank(b))[0];
    for (const { field, graphs } of resolvedBy) {
      if (!graphs.length || graphs.includes(owner) || field.type.kind !== Kind.NON_NULL_TYPE) continue;
      problems.push(
        `${def.name.value}.${field.name.value} is added by ${graphs.join(', ')} to ${def.name.value}, which ${owner} owns, and must be nullable ` +
          `(${print(field.type.type)}, not ${print(field.type)}), so that ${graphs.join(', ')} being down costs only its own fields`,
      );
    }
  }
  return problems;
}

function joinGraphNames(document: DocumentNode): Map<string, string> {
  const graphNames = new Map<string, string>();
  for (const def of document.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === 'join__Graph') {
      for (const value of def.values ?? []) {
        const name = stringArg(
          value.directives?.find((d) => d.name.value === 'join__graph'),
          'name',
        );
        if (name) graphNames.set(value.name.value, name);
      }
    }
  }
  return graphNames;
}
