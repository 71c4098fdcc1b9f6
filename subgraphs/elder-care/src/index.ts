import { runSubgraphMain } from '@civic/shared';
import { elderCare } from './module';

// Runs the elder-care subgraph alone, as a deployment does (see docker-compose.yml).
runSubgraphMain(elderCare);
