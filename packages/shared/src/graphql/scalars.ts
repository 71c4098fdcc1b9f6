import { DateResolver, DateTimeResolver } from 'graphql-scalars';

/** The contract's `Date` and `DateTime` scalars, from graphql-scalars rather than hand-rolled parsing. */
export const scalarResolvers = { Date: DateResolver, DateTime: DateTimeResolver };
