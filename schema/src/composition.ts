import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { composeServices } from '@apollo/composition';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';

export const SCHEMA_DIR = path.join(__dirname, '..');
export const SUPERGRAPH_FILE = path.join(SCHEMA_DIR, 'supergraph.graphql');
export const API_FILE = path.join(SCHEMA_DIR, 'api.graphql');
/** The repository's copy of the design's contract; its header names the design source it follows. */
export const CONTRACT_FILE = path.join(SCHEMA_DIR, 'contract.graphql');

export interface SubgraphSource {
  name: string;
  url: string;
  /** path of the subgraph's schema-first SDL */
  sdlFile: string;
}

export type Composition = { ok: true; supergraphSdl: string; apiSdl: string; hints: string[] } | { ok: false; errors: string[] };

/** Composes the subgraphs' SDL as the gateway will serve it, and derives the public API schema. */
export function compose(subgraphs: SubgraphSource[]): Composition {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(readFileSync(s.sdlFile, 'utf8')) })));
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  // Sorted, so that the snapshot changes only when the API does, not when subgraphs move.
  const api = lexicographicSortSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    apiSdl: `${printSchema(api)}\n`,
    hints: result.hints.map((h) => h.toString()),
  };
}

/** What `next` breaks of `previous`, by @graphql-inspector's rules (removals, type changes, …). */
export async function breakingChanges(previousSdl: string, nextSdl: string): Promise<Change[]> {
  const changes = await diff(buildSchema(previousSdl), buildSchema(nextSdl));
  return changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
}

export function describeChanges(changes: Change[]): string {
  return changes.map((c) => `  - ${c.message}${c.path ? ` (${c.path})` : ''}`).join('\n');
}
