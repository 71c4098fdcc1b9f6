// First: tracing starts (OTEL_EXPORTER_OTLP_ENDPOINT set) before http, express, graphql and pg load.
import '@civic/shared/src/tracing/register';
import { readFileSync } from 'node:fs';
import { type RunningService, serviceLogger, startSubgraph, type StartupState } from '@civic/shared';
import { startGateway } from '@civic/gateway/src/server';
import { SUPERGRAPH_FILE } from '@civic/gateway/src/config';
import { SUBGRAPHS } from './subgraphs';
import type { ToService, FromService } from './processes';

/**
 * One service of the graph in a Node process of its own (`--topology processes`,
 * graph/processes.ts): the launcher says which, over the IPC channel, and this
 * process starts it, reports where it listens, and stops it when told. It ignores
 * SIGINT and SIGTERM: Ctrl-C reaches every process of the terminal's group, and the
 * launcher stops the gateway first (letting requests in flight finish) and the
 * subgraphs after it. Should the launcher go away without a word, the channel
 * closes and this process stops its service and exits: nothing outlives it.
 */
const logger = serviceLogger('graph');
const send = (message: FromService) => process.send!(message);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);

let service: { stop(): Promise<void> } | undefined;
let stopping: Promise<void> | undefined;
let gatewayUrl = '';
/** the started service's own state (the gateway's, or the subgraph's), which the launcher's `startup` messages set */
let startup: StartupState = { seeding: false };

const stop = () =>
  (stopping ??= (async () => {
    try {
      await service?.stop();
    } finally {
      process.disconnect?.();
      process.exit(0);
    }
  })());

async function start(message: Extract<ToService, { kind: 'startGateway' | 'startSubgraph' }>): Promise<RunningService> {
  if (message.kind === 'startGateway') {
    startup = { ...message.options.startup };
    return startGateway({ ...message.options, supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'), startup });
  }
  const module = SUBGRAPHS.find((m) => m.name === message.name);
  if (!module) throw new Error(`no subgraph ${message.name} in the registry`);
  const started = await startSubgraph(module, { ...message.options, gatewayUrl: () => gatewayUrl });
  // Its readiness answers "seeding" while the launcher seeds its schema.
  startup = started.startup;
  return { url: started.service.url, port: started.service.port, stop: started.stop };
}

process.on('message', (message: ToService) => {
  if (message.kind === 'startGateway' || message.kind === 'startSubgraph') {
    start(message).then(
      (running) => {
        service = running;
        send({ kind: 'listening', url: running.url, port: running.port });
      },
      (error: Error) => {
        logger.error({ err: error, service: message.kind === 'startSubgraph' ? message.name : 'gateway' }, 'service failed to start');
        send({ kind: 'failed', message: error.message });
      },
    );
  } else if (message.kind === 'gatewayUrl') {
    gatewayUrl = message.url;
  } else if (message.kind === 'startup') {
    Object.assign(startup, message.startup);
  } else if (message.kind === 'stop') {
    void stop();
  }
});
// The launcher is gone (it crashed, or was killed): stop rather than serve on alone.
process.on('disconnect', () => void stop());
