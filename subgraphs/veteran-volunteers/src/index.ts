import { runSubgraphMain } from '@civic/shared';
import { veteranVolunteers } from './module';

// Runs the veteran-volunteers subgraph alone, as a deployment does (see docker-compose.yml).
runSubgraphMain(veteranVolunteers);
