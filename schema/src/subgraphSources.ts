import { isLocal, readRegistry, REGISTRY_FILE, schemaFile } from '../../graph/registry';
import type { SubgraphSource } from './composition';

/**
 * Every registered subgraph's SDL and the URL the supergraph records for it, from
 * the registry alone: composing reads SDL files, never a subgraph's code.
 */
export function subgraphSources(registryFile = REGISTRY_FILE): SubgraphSource[] {
  return readRegistry(registryFile).map((entry) => ({
    name: entry.name,
    url: isLocal(entry) ? `http://localhost:${entry.port}/` : entry.url,
    sdlFile: schemaFile(entry),
  }));
}
