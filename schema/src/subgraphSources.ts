import { isLocal, readRegistry, schemaFile } from '../../graph/registry';
import { SUBGRAPHS } from '../../graph/subgraphs';
import type { SubgraphSource } from './composition';

/** Every registered subgraph's SDL and the URL the supergraph records for it. */
export function subgraphSources(): SubgraphSource[] {
  const ports = new Map(SUBGRAPHS.map((m) => [m.name, m.defaultPort]));
  return readRegistry().map((entry) => ({
    name: entry.name,
    url: isLocal(entry) ? `http://localhost:${ports.get(entry.name)}/` : entry.url,
    sdlFile: schemaFile(entry),
  }));
}
