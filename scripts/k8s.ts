import { parseArgs } from 'node:util';
import { staleK8sFiles, writeK8sBase } from '../graph/k8s/base';

/**
 * npm run k8s [-- --check]
 * Writes the Kubernetes base (deploy/k8s/base) from graph/subgraph-registry.json;
 * with --check, writes nothing and exits 1 naming the files that are not current.
 * `npm run subgraph:new` runs it for a new subgraph.
 */
const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
if (values.check) {
  const stale = staleK8sFiles();
  if (stale.length) {
    console.error(`deploy/k8s/base is not what the registry makes; run npm run k8s:\n${stale.map((f) => `  ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log('deploy/k8s/base is current');
} else {
  console.log(
    `wrote:\n${writeK8sBase()
      .map((f) => `  ${f}`)
      .join('\n')}`,
  );
}
