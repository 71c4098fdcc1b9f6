import { runSubgraphMain } from '@civic/shared';
import { neighbourStations } from './module';

// Runs the neighbour-stations subgraph alone, as a deployment does (see docker-compose.yml).
runSubgraphMain(neighbourStations);
