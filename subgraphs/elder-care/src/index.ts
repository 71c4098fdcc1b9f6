// First: tracing starts (OTEL_EXPORTER_OTLP_ENDPOINT set) before http, express, graphql and pg load.
import '@civic/shared/src/tracing/register';
import { runSubgraphMain } from '@civic/shared';
import { elderCare } from './module';

// Runs the elder-care subgraph alone, as a deployment does (see docker-compose.yml).
runSubgraphMain(elderCare);
