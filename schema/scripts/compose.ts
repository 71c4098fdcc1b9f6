import { writeFileSync } from 'node:fs';
import { API_FILE, SUPERGRAPH_FILE } from '../src/composition';
import { checkComposition } from '../src/check';
import { subgraphSources } from '../src/subgraphSources';
import { buildSafelist, printSafelist, SAFELIST_FILE } from '../src/safelist';

/**
 * npm run compose [-- --check] [-- --accept-breaking]
 * Composes the registered subgraphs (graph/subgraph-registry.json) and writes
 * schema/supergraph.graphql (what the gateway serves) and schema/api.graphql (the
 * public API snapshot). A change that breaks the public API or takes a field from
 * the subgraph that resolves it is refused, with the reasons, unless
 * --accept-breaking says it is deliberate, and then only when CHANGELOG.md's
 * "## [Unreleased]" section names each field it breaks. It also writes schema/safelist.json, the
 * registered operations (schema/src/safelist.ts), each valid against the new API.
 * --check writes nothing.
 */
async function main() {
  const args = process.argv.slice(2);
  const sources = subgraphSources();
  const result = await checkComposition(sources, { acceptBreaking: args.includes('--accept-breaking') });
  if (!result.ok) {
    console.error(`refused: ${result.reasons.join('\nrefused: ')}`);
    if (result.liftable) {
      console.error(
        'If a breaking change is deliberate: record it in CHANGELOG.md under "## [Unreleased]" → "### Breaking", then run: npm run compose -- --accept-breaking',
      );
    }
    process.exit(1);
  }
  const safelist = buildSafelist(result.apiSdl);
  if (args.includes('--check')) {
    console.log(
      `${sources.length} subgraphs compose, and the public API and field ownership are kept; ${safelist.operations.length} registered operations are valid`,
    );
    return;
  }
  writeFileSync(SUPERGRAPH_FILE, result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`);
  writeFileSync(API_FILE, result.apiSdl);
  writeFileSync(SAFELIST_FILE, printSafelist(safelist));
  console.log(`composed ${sources.length} subgraphs (${sources.map((s) => s.name).join(', ')}) into schema/supergraph.graphql and schema/api.graphql`);
  console.log(`registered ${safelist.operations.length} operations in schema/safelist.json`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
