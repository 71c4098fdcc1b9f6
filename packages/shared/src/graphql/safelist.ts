import { createHash } from 'node:crypto';
import { parse, print, type DocumentNode } from 'graphql';

/**
 * The operation safelist: what the gateway serves with CIVIC_OPERATIONS=safelist.
 * `npm run compose` writes it (schema/safelist.json, schema/src/safelist.ts) from
 * the registered operation files; the gateway reads it once (gateway/src/plugins/safelist.ts).
 * Its form is Apollo's persisted query manifest (`apollo-persisted-query-manifest`,
 * version 1), so tools that read one read this; the graph's own fields follow.
 */
export interface SafelistedOperation {
  /** operationId of `body` */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** the normalized document (normalizeOperation): send exactly this, and its APQ hash is `id` */
  body: string;
  /** whose operation: `dashboards` (schema/operations), a subgraph's name (its partners' or its own questions), `graph services` (shared questions) */
  clientName: string;
  /** the registered file, from the repository root */
  source: string;
  /** a question a subgraph asks the graph as itself (queryGraph): served to a signed graph service only */
  serviceOnly?: true;
  /** for a serviceOnly operation of one subgraph's own: served to that subgraph's signed calls only */
  caller?: string;
}

export interface OperationManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: SafelistedOperation[];
}

/**
 * One text for every layout of a document: graphql-js's print of its parse, which
 * drops comments and ignored characters and indents one way. A parse error throws
 * (a GraphQLError); `maxTokens` bounds the work for a caller's document as the
 * gateway's own parse does.
 */
export function normalizeOperation(document: string | DocumentNode, maxTokens?: number): string {
  return print(typeof document === 'string' ? parse(document, { maxTokens, noLocation: true }) : document);
}

/**
 * An operation's id: the sha256 (hex) of its normalized text. A client that sends
 * the normalized text computes the same hash for automatic persisted queries
 * (`extensions.persistedQuery.sha256Hash`), so one id serves both.
 */
export const operationId = (normalized: string): string => createHash('sha256').update(normalized).digest('hex');
