import { existsSync, readFileSync } from 'node:fs';
import { API_FILE, breakingChanges, compose, describeChanges, SUPERGRAPH_FILE, type SubgraphSource } from './composition';
import { nonNullContributions, ownershipChanges } from './ownership';
import { readChangelog, unreleasedSection, unrecorded } from './changelog';

export type CompositionCheck =
  | { ok: true; supergraphSdl: string; apiSdl: string }
  /** liftable: every reason is a break that --accept-breaking would accept */
  | { ok: false; reasons: string[]; liftable?: boolean };

/**
 * What `npm run compose` checks before it writes anything, and what a partner's
 * change must pass: the subgraphs compose; the public API (schema/api.graphql)
 * loses nothing dashboards or partners use; no subgraph loses a field it resolved
 * to another; every field a subgraph adds to another's entity is nullable. Each
 * refusal says which field and which subgraphs.
 */
export async function checkComposition(
  sources: SubgraphSource[],
  options: { acceptBreaking?: boolean; previousApi?: string; previousSupergraph?: string; changelog?: string } = {},
): Promise<CompositionCheck> {
  const result = compose(sources);
  if (!result.ok) {
    return { ok: false, reasons: [`the subgraphs do not compose:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`] };
  }
  const reasons: string[] = [];
  // A rule of the graph rather than a break of its API: --accept-breaking does not lift it.
  const nonNull = nonNullContributions(
    result.supergraphSdl,
    sources.map((s) => s.name),
  );
  if (nonNull.length) reasons.push(`a field added to another subgraph's entity is non-null:\n${nonNull.map((m) => `  - ${m}`).join('\n')}`);
  const ruleBroken = nonNull.length > 0;
  const previousApi = options.previousApi ?? (existsSync(API_FILE) ? readFileSync(API_FILE, 'utf8') : undefined);
  const breaking = previousApi ? await breakingChanges(previousApi, result.apiSdl) : [];
  if (options.acceptBreaking) {
    // An accepted break is one its users are told of: CHANGELOG.md's Unreleased section names each.
    const untold = unrecorded(breaking, unreleasedSection(options.changelog ?? readChangelog()));
    if (untold.length) {
      reasons.push(`an accepted break must be recorded in CHANGELOG.md under "## [Unreleased]" (### Breaking), naming each field:\n${describeChanges(untold)}`);
    }
    return reasons.length ? { ok: false, reasons } : { ok: true, supergraphSdl: result.supergraphSdl, apiSdl: result.apiSdl };
  }
  if (breaking.length) reasons.push(`this change breaks the public API (schema/api.graphql):\n${describeChanges(breaking)}`);
  const previousSupergraph = options.previousSupergraph ?? (existsSync(SUPERGRAPH_FILE) ? readFileSync(SUPERGRAPH_FILE, 'utf8') : undefined);
  if (previousSupergraph) {
    const moved = ownershipChanges(previousSupergraph, result.supergraphSdl);
    if (moved.length) reasons.push(`this change takes fields away from the subgraphs that resolve them:\n${moved.map((m) => `  - ${m}`).join('\n')}`);
  }
  return reasons.length ? { ok: false, reasons, liftable: !ruleBroken } : { ok: true, supergraphSdl: result.supergraphSdl, apiSdl: result.apiSdl };
}
