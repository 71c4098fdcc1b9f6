import path from 'node:path';
import { SUBGRAPHS } from '../../graph/subgraphs';
import { REPO_ROOT, SubgraphSource } from './composition';

/** Every registered subgraph's SDL and the URL the supergraph records for it. */
export function subgraphSources(): SubgraphSource[] {
  return SUBGRAPHS.map((module) => ({
    name: module.name,
    url: `http://localhost:${module.defaultPort}/`,
    sdlFile: path.join(REPO_ROOT, 'subgraphs', module.name, 'schema.graphql'),
  }));
}
