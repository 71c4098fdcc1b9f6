// First: tracing starts (OTEL_EXPORTER_OTLP_ENDPOINT set) before http, express, graphql and pg load.
import '@civic/shared/src/tracing/register';
import { runSubgraphMain } from '@civic/shared';
import { veteranVolunteers } from './module';

// Runs the veteran-volunteers subgraph alone, as a deployment does (see docker-compose.yml).
runSubgraphMain(veteranVolunteers);
