import type { SubgraphModule } from '@civic/shared';
import { isLocal, loadModule, readRegistry } from './registry';

/**
 * Every subgraph this repository runs, from the registry (graph/subgraph-registry.json),
 * in its order: the architecture's five, then partners' in-repository subgraphs.
 */
export const SUBGRAPHS: SubgraphModule[] = readRegistry().filter(isLocal).map(loadModule);
