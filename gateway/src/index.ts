// First: tracing starts (OTEL_EXPORTER_OTLP_ENDPOINT set) before http, express, graphql and pg load.
import '@civic/shared/src/tracing/register';
import { readFileSync } from 'node:fs';
import { isStartupError, onShutdown, serviceLogger } from '@civic/shared';
import { loadGatewayConfig, perSubgraphEnv, subgraphSigningSecrets, supergraphServices, tokenSettings } from './config';
import { startGateway } from './server';
import { readSafelist } from './plugins/safelist';

// Runs the gateway alone, as a deployment does (see docker-compose.yml).
const logger = serviceLogger('gateway');
(async () => {
  const config = loadGatewayConfig();
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
  const running = await startGateway({
    supergraphSdl,
    port: config.PORT,
    host: config.HOST,
    tokens: tokenSettings(config),
    internalSecret: config.CIVIC_INTERNAL_SECRET,
    subgraphSecrets: subgraphSigningSecrets(supergraphServices(supergraphSdl), config),
    subgraphUrls: perSubgraphEnv('SUBGRAPH_URL_'),
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    subgraphConnections: config.SUBGRAPH_CONNECTIONS,
    bodyLimit: config.BODY_LIMIT,
    production: config.NODE_ENV === 'production',
    metricsToken: config.CIVIC_METRICS_TOKEN,
    safelist: config.CIVIC_OPERATIONS === 'safelist' ? readSafelist(config.CIVIC_SAFELIST_PATH) : undefined,
    certificateFont: { path: config.CIVIC_CERTIFICATE_FONT, face: config.CIVIC_CERTIFICATE_FONT_FACE },
    publicUrl: config.CIVIC_PUBLIC_URL,
    responseCache: config.CIVIC_RESPONSE_CACHE === 'on' ? {} : false,
  });
  onShutdown(running.stop, (message) => logger.info(message));
})().catch((error) => {
  console.error(isStartupError(error) ? `gateway: ${error.message}` : error);
  process.exit(1);
});
