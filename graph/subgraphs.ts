import type { SubgraphModule } from '@civic/shared';
import { directory } from '@civic/directory/src/module';
import { elderCare } from '@civic/elder-care/src/module';
import { veteranVolunteers } from '@civic/veteran-volunteers/src/module';
import { neighbourStations } from '@civic/neighbour-stations/src/module';
import { assessments } from '@civic/assessments/src/module';

/** Every subgraph of the graph, in the order (and with the ports) of the architecture table. */
export const SUBGRAPHS: SubgraphModule[] = [directory, elderCare, veteranVolunteers, neighbourStations, assessments];
