import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** What the gateway sends one subgraph for one fetch of a query plan. */
export interface SubgraphQuery {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface SubgraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

const prefix = (i: number) => `_${i}_`;

/**
 * Several queries to one subgraph as one: the i-th query's root fields aliased
 * `_i_<key>`, its variables `$_i_<name>` and its fragments `_i_<name>`, so nothing of
 * one can meet another's; `split` gives each query its own answer back, data and
 * errors (by the error's path). Null when a document is not a single query
 * operation (a mutation's fields must run one after another, as planned).
 */
export function mergeQueries(
  queries: readonly SubgraphQuery[],
): { query: string; variables: Record<string, unknown>; split(answer: SubgraphAnswer): SubgraphAnswer[] } | null {
  const documents = queries.map((q) => parse(q.query));
  const operations = documents.map((d) => d.definitions.filter((def): def is OperationDefinitionNode => def.kind === Kind.OPERATION_DEFINITION));
  if (operations.some((ops) => ops.length !== 1 || ops[0].operation !== 'query')) return null;

  const variableDefinitions: VariableDefinitionNode[] = [];
  const selections: SelectionNode[] = [];
  const fragments: DefinitionNode[] = [];
  const variables: Record<string, unknown> = {};
  documents.forEach((document, i) => {
    const renamed = visit(document, {
      Variable: (node) => ({ ...node, name: { ...node.name, value: prefix(i) + node.name.value } }),
      FragmentSpread: (node) => ({ ...node, name: { ...node.name, value: prefix(i) + node.name.value } }),
      FragmentDefinition: (node) => ({ ...node, name: { ...node.name, value: prefix(i) + node.name.value } }),
    });
    for (const definition of renamed.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) {
        fragments.push(definition);
        continue;
      }
      variableDefinitions.push(...(definition.variableDefinitions ?? []));
      for (const selection of definition.selectionSet.selections) {
        if (selection.kind !== Kind.FIELD) return; // not from the query planner: sent on its own below
        const key = selection.alias?.value ?? selection.name.value;
        selections.push({ ...selection, alias: { kind: Kind.NAME, value: prefix(i) + key } });
      }
    }
    for (const [name, value] of Object.entries(queries[i].variables ?? {})) variables[prefix(i) + name] = value;
  });
  const roots = operations.reduce((n, [op]) => n + op.selectionSet.selections.length, 0);
  if (selections.length !== roots) return null;

  const merged = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query',
        name: operations[0][0].name,
        variableDefinitions,
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...fragments,
    ],
  } as unknown as Parameters<typeof print>[0];

  return {
    query: print(merged),
    variables,
    split(answer) {
      return queries.map((_, i) => {
        const own = prefix(i);
        const data =
          answer.data == null
            ? answer.data
            : Object.fromEntries(
                Object.entries(answer.data)
                  .filter(([key]) => key.startsWith(own))
                  .map(([key, value]) => [key.slice(own.length), value]),
              );
        // An error with a path belongs to the query its first key came from; one without, to every query.
        const errors = (answer.errors ?? []).flatMap((error) => {
          const [first, ...rest] = error.path ?? [];
          if (typeof first !== 'string') return [error];
          if (!first.startsWith(own)) return [];
          return [{ ...error, path: [first.slice(own.length), ...rest] }];
        });
        return { ...answer, data, errors: errors.length ? errors : undefined };
      });
    },
  };
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects the items added for one scope (one client request) in the same turn of
 * the event loop and runs them together: a query plan's parallel fetches all start
 * in one turn, so those to one subgraph leave as one call.
 */
export class SameTurnBatches<T, R> {
  private readonly open = new WeakMap<object, Pending<T, R>[]>();

  constructor(private readonly runTogether: (items: T[]) => Promise<R[]>) {}

  add(scope: object, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let batch = this.open.get(scope);
      if (!batch) {
        const started: Pending<T, R>[] = (batch = []);
        this.open.set(scope, started);
        setImmediate(() => {
          this.open.delete(scope);
          this.runTogether(started.map((p) => p.item)).then(
            (results) => started.forEach((p, i) => p.resolve(results[i])),
            (error) => started.forEach((p) => p.reject(error)),
          );
        });
      }
      batch.push({ item, resolve, reject });
    });
  }
}
