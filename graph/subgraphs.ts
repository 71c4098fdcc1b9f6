import type { SubgraphModule } from '@civic/shared';
import { isLocal, loadModule, readRegistry } from './registry';

/**
 * Every subgraph this repository runs, from the registry (graph/subgraph-registry.json),
 * in its order: the architecture's five, then partners' in-repository subgraphs.
 */
export const SUBGRAPHS: SubgraphModule[] = readRegistry().filter(isLocal).map(loadModule);

/** The port each is served on by `npm start` must be its own. */
const ports = new Map<number, string>();
for (const module of SUBGRAPHS) {
  const taken = ports.get(module.defaultPort);
  if (taken) throw new Error(`subgraphs ${taken} and ${module.name} both want port ${module.defaultPort}`);
  ports.set(module.defaultPort, module.name);
}
