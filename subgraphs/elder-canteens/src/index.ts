import { runSubgraphMain } from '@civic/shared';
import { elderCanteens } from './module';

// Runs elder-canteens alone, as a deployment does (see docker-compose.yml).
runSubgraphMain(elderCanteens);
