import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';

/**
 * What one request may ask of the graph. The district dashboard (the heaviest
 * operation in schema/operations) stays well inside every limit; a query built to
 * exhaust the subgraphs does not. graphql-armor's rules rather than hand-written
 * visitors: they handle fragments, recursion and introspection correctly.
 */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  /** enforced by graphql-js's own parser (parseOptions.maxTokens) */
  maxTokens: number;
}

/**
 * Depth is the limit that matters most here: every level of `children` multiplies
 * the regions (and the statistics computed for each) by ten to a hundred, which a
 * static cost cannot see. Depth 6 allows every street of the province with its
 * statistics; depth 7 would allow every one of its 17,498 communities.
 */
export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 6,
  // graphql-armor's cost grows 1.5x with each level, so one page of a connection
  // (connection → edges → node → …) already costs about 2,000: the worklist does.
  // 3,000 lets every operation in schema/operations through; fifteen aliased
  // copies of a page do not.
  maxCost: 3_000,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
};

/**
 * A rule that throws fails validation as an internal error; reported instead, the
 * rejection is an ordinary validation error (GRAPHQL_VALIDATION_FAILED), as
 * graphql-armor's own Apollo integration does it.
 */
const report = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  // Tells a dashboard author which limit was hit and by how much.
  exposeLimits: true,
};

export function limitRules(limits: QueryLimits): ValidationRule[] {
  return [
    // A fragment (spread or inline) adds no level of its own: the same query
    // through a fragment is exactly as deep as written inline.
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...report }),
    costLimitRule({ maxCost: limits.maxCost, ...report }),
    maxAliasesRule({ n: limits.maxAliases, ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report }),
  ] as ValidationRule[];
}
