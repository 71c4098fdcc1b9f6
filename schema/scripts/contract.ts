import { readFileSync } from 'node:fs';
import { API_FILE } from '../src/composition';
import { contractGaps } from '../src/contract';

/**
 * npm run contract: what the composed API (schema/api.graphql) does not yet offer
 * of schema/contract.graphql, grouped by the subgraph that owes it.
 * Exits 0 either way: it is a report for planning; the tests hold each part met.
 */
async function main() {
  const gaps = await contractGaps(readFileSync(API_FILE, 'utf8'));
  if (gaps.length === 0) {
    console.log('the supergraph offers all of contract.graphql');
    return;
  }
  const byOwner = new Map<string, string[]>();
  for (const gap of gaps) byOwner.set(gap.owner, [...(byOwner.get(gap.owner) ?? []), gap.message]);
  console.log(`the supergraph does not yet offer ${gaps.length} parts of contract.graphql:`);
  for (const [owner, messages] of [...byOwner].sort()) {
    console.log(`\n${owner} (${messages.length}):\n${messages.map((m) => `  - ${m}`).join('\n')}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
