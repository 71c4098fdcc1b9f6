import {
  GraphQLError,
  type GraphQLInputType,
  GraphQLScalarType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  type DocumentNode,
  type OperationDefinitionNode,
  TypeInfo,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { badUserInput, scalarResolvers } from '@civic/shared';

/**
 * The gateway's check of every argument value, literal or variable, before any
 * subgraph is called. Two things the gateway's own schema cannot see:
 *
 * - Custom scalars. The supergraph declares `scalar Date` without its rules, so
 *   the gateway would pass "2026-02-30" on and the subgraph, whose graphql-scalars
 *   resolver refuses it, answers HTTP 400, which the gateway reports as the
 *   service being unavailable. The same resolvers the subgraphs use
 *   (`scalarResolvers` in @civic/shared) judge the value here.
 * - Control characters. A NUL byte cannot be stored in PostgreSQL text and fails
 *   deep in a subgraph as an internal error; no argument has a use for C0 control
 *   characters other than tab, line feed and carriage return in free text.
 *
 * Each refusal is BAD_USER_INPUT naming the argument by its path (`input.visitedOn`,
 * `scores[2].note`). Values of the wrong shape altogether (a number for a String)
 * are left to graphql-js's own coercion, which the gateway runs next.
 */

// Tab (09), line feed (0A) and carriage return (0D) are allowed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const CUSTOM_SCALARS: Record<string, GraphQLScalarType> = scalarResolvers;

type Variables = Record<string, unknown>;

function refuse(path: string, message: string): GraphQLError {
  return badUserInput(`${path} ${message}`, { argument: path });
}

function checkString(text: string, path: string): GraphQLError | null {
  const found = CONTROL.exec(text);
  if (!found) return null;
  const codePoint = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return refuse(path, `holds a control character (U+${codePoint}); only tab, line feed and carriage return are allowed`);
}

function scalarMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A JSON value (from `variables`) at a position of the given input type. Its
 * leaves are parsed as graphql-js will (built-in scalars and enums by their own
 * rules, custom scalars by the shared ones), so that a wrong type is refused
 * naming the argument rather than the variable; the shape of input objects
 * (unknown or missing fields) is left to graphql-js's coercion.
 */
function checkValue(value: unknown, type: GraphQLInputType, path: string): GraphQLError | null {
  if (value === undefined) return null;
  if (value === null) return isNonNullType(type) ? refuse(path, 'must not be null') : null;
  if (isNonNullType(type)) return checkValue(value, type.ofType, path);
  if (isListType(type)) {
    if (!Array.isArray(value)) return checkValue(value, type.ofType, path);
    for (const [i, item] of value.entries()) {
      const error = checkValue(item, type.ofType, `${path}[${i}]`);
      if (error) return error;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return refuse(path, `must be an object (${type.name})`);
    for (const [name, field] of Object.entries(type.getFields())) {
      const error = checkValue((value as Record<string, unknown>)[name], field.type, `${path}.${name}`);
      if (error) return error;
    }
    return null;
  }
  if (typeof value === 'string') {
    const error = checkString(value, path);
    if (error) return error;
  }
  try {
    (CUSTOM_SCALARS[type.name] ?? type).parseValue(value);
  } catch (error) {
    return refuse(path, `is not a valid ${type.name}: ${scalarMessage(error)}`);
  }
  return null;
}

/** A literal in the document, or a variable standing in it, at a position of the given input type. */
function checkLiteral(
  node: ValueNode,
  type: GraphQLInputType,
  path: string,
  variables: Variables,
  defaults: Map<string, ValueNode | undefined>,
): GraphQLError | null {
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    if (Object.prototype.hasOwnProperty.call(variables, name)) return checkValue(variables[name], type, path);
    const fallback = defaults.get(name);
    return fallback ? checkLiteral(fallback, type, path, variables, defaults) : null;
  }
  if (node.kind === Kind.NULL) return null;
  if (isNonNullType(type)) return checkLiteral(node, type.ofType, path, variables, defaults);
  if (isListType(type)) {
    if (node.kind !== Kind.LIST) return checkLiteral(node, type.ofType, path, variables, defaults);
    for (const [i, item] of node.values.entries()) {
      const error = checkLiteral(item, type.ofType, `${path}[${i}]`, variables, defaults);
      if (error) return error;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) return null;
    const fields = type.getFields();
    for (const field of node.fields) {
      const definition = fields[field.name.value];
      if (!definition) continue;
      const error = checkLiteral(field.value, definition.type, `${path}.${field.name.value}`, variables, defaults);
      if (error) return error;
    }
    return null;
  }
  if (node.kind === Kind.STRING) {
    const error = checkString(node.value, path);
    if (error) return error;
  }
  const scalar = CUSTOM_SCALARS[type.name];
  if (scalar) {
    try {
      scalar.parseLiteral(node, variables);
    } catch (error) {
      return refuse(path, `is not a valid ${type.name}: ${scalarMessage(error)}`);
    }
  }
  return null;
}

/**
 * The first bad argument value of the operation about to run (in its own
 * selections and in every fragment of the document), or null.
 */
export function argumentValueError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
): GraphQLError | null {
  const defaults = new Map((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d.defaultValue]));
  const typeInfo = new TypeInfo(schema);
  const found: GraphQLError[] = [];
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const definition of [operation, ...fragments]) {
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Argument(node) {
          const argument = typeInfo.getArgument();
          const error = argument && !found.length ? checkLiteral(node.value, argument.type, node.name.value, variables, defaults) : null;
          if (error) found.push(error);
          // The value is checked whole above; its inner nodes need no visit.
          return false;
        },
      }),
    );
  }
  return found[0] ?? null;
}
