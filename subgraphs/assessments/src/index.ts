import { runSubgraphMain } from '@civic/shared';
import { assessments } from './module';

// Runs the assessments subgraph alone, as a deployment does (see docker-compose.yml).
runSubgraphMain(assessments);
