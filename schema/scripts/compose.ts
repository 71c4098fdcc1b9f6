import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { API_FILE, breakingChanges, compose, describeChanges, SUPERGRAPH_FILE } from '../src/composition';
import { subgraphSources } from '../src/subgraphSources';

/**
 * npm run compose [-- --accept-breaking]
 * Writes schema/supergraph.graphql (what the gateway serves) and schema/api.graphql
 * (the public API snapshot). A change that breaks the public API is refused unless
 * --accept-breaking says it is deliberate: dashboards and partners depend on it.
 */
async function main() {
  const acceptBreaking = process.argv.includes('--accept-breaking');
  const result = compose(subgraphSources());
  if (!result.ok) {
    console.error(`composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
    process.exit(1);
  }
  if (existsSync(API_FILE)) {
    const breaking = await breakingChanges(readFileSync(API_FILE, 'utf8'), result.apiSdl);
    if (breaking.length && !acceptBreaking) {
      console.error(
        `refused: this change breaks the public API (schema/api.graphql):\n${describeChanges(breaking)}\n` +
          'If that is deliberate and its users are told, run: npm run compose -- --accept-breaking',
      );
      process.exit(1);
    }
  }
  writeFileSync(SUPERGRAPH_FILE, result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`);
  writeFileSync(API_FILE, result.apiSdl);
  console.log(`composed ${subgraphSources().length} subgraphs into schema/supergraph.graphql and schema/api.graphql`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
