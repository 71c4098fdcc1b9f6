import { GraphQLError, GraphQLScalarType } from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';

/**
 * The years a `Date` or `DateTime` argument may name. Nothing the graph records
 * (a birth, a service, a rota) lies outside them, and beyond them date arithmetic
 * leaves what PostgreSQL and `toISOString` can write (a rota from 9999-12-31 runs
 * into year 10000), so a value outside is a mistake: BAD_USER_INPUT.
 */
export const DATE_YEARS = { first: 1900, last: 2100 } as const;

/** graphql-scalars' rules for the format, and the graph's years on top. */
function withinYears(base: GraphQLScalarType<Date, unknown>): GraphQLScalarType {
  const check = (parsed: Date): Date => {
    const year = parsed.getUTCFullYear();
    if (!(year >= DATE_YEARS.first && year <= DATE_YEARS.last)) {
      throw new GraphQLError(`${base.name} must lie in the years ${DATE_YEARS.first} to ${DATE_YEARS.last}`);
    }
    return parsed;
  };
  return new GraphQLScalarType({
    ...base.toConfig(),
    parseValue: (value) => check(base.parseValue(value)),
    parseLiteral: (ast, variables) => check(base.parseLiteral(ast, variables)),
  });
}

/**
 * The contract's `Date` and `DateTime` scalars, from graphql-scalars rather than
 * hand-rolled parsing. The subgraphs resolve them with these, and the gateway
 * checks every argument with the same ones before it plans a request
 * (gateway/src/validation/argumentValues.ts).
 */
export const scalarResolvers = { Date: withinYears(DateResolver), DateTime: withinYears(DateTimeResolver) };
