import { runSubgraphMain } from '@civic/shared';
import { directory } from './module';

// Runs the directory subgraph alone, as a deployment does (see docker-compose.yml).
runSubgraphMain(directory);
