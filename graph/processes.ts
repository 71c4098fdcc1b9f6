import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { type RunningService, serviceLogger, type StartedSubgraph, type StartupState, subgraphDataSource } from '@civic/shared';
import { gatewayStartOptions, type GraphOptions, type RunningGraph, subgraphStartOptions } from './launch';
import { seedIfEmpty } from './seed';
import { SUBGRAPHS } from './subgraphs';

/** The launcher's word to a service process (graph/serviceProcess.ts). */
export type ToService =
  | { kind: 'startGateway'; options: ReturnType<typeof gatewayStartOptions> & { startup: StartupState } }
  | { kind: 'startSubgraph'; name: string; options: ReturnType<typeof subgraphStartOptions> }
  | { kind: 'gatewayUrl'; url: string }
  | { kind: 'startup'; startup: Partial<StartupState> }
  | { kind: 'stop' };

/** A service process's answer to `start`. */
export type FromService = { kind: 'listening'; url: string; port: number } | { kind: 'failed'; message: string };

const ENTRY = path.join(__dirname, 'serviceProcess.ts');
const logger = serviceLogger('graph');

/** A service in a process of its own: started, told things, stopped (it exits once stopped). */
interface ServiceProcess {
  name: string;
  child: ChildProcess;
  tell(message: ToService): void;
  /** asks it to stop and waits until the process has exited */
  stop(): Promise<void>;
}

function spawnService(name: string): ServiceProcess {
  // TypeScript as the launcher runs it (npm start: node --import tsx); stdout and stderr are the launcher's.
  const child = fork(ENTRY, [name], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    tell: (message) => {
      if (child.connected) child.send(message);
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ kind: 'stop' } satisfies ToService);
      await exited;
    },
  };
}

/** Starts the service in `process` and waits for where it listens; a process that fails or exits first is an error. */
function started(service: ServiceProcess, message: ToService): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the ${service.name} process exited (${code}) before it listened`));
    service.child.once('exit', onExit);
    service.child.once('message', (answer: FromService) => {
      service.child.off('exit', onExit);
      if (answer.kind === 'listening') resolve(answer);
      else reject(new Error(`${service.name}: ${answer.message}`));
    });
    service.tell(message);
  });
}

/**
 * `topology: 'processes'`: each subgraph and the gateway in a Node process of its
 * own, on the same ports as in one process, so the graph can use more cores than
 * one event loop. The order is the one-process graph's: subgraphs (each migrating
 * its schema), then the gateway, listening (503 "seeding") while this process seeds
 * what is empty over connections of its own, which it keeps (RunningGraph's
 * `dataSource`, small pools) until the graph stops. `stop` stops the gateway
 * first, then the subgraphs, and returns once every process has exited.
 */
export async function startGraphProcesses(options: GraphOptions): Promise<RunningGraph> {
  const processes: ServiceProcess[] = [];
  const subgraphs: StartedSubgraph[] = [];
  const dataSources: DataSource[] = [];
  let gatewayProcess: ServiceProcess | undefined;
  let gateway: RunningService | undefined;
  const stop = async () => {
    gatewayProcess?.tell({ kind: 'startup', startup: { stopping: true } });
    if (gateway && options.stopGraceMs) await new Promise((resolve) => setTimeout(resolve, options.stopGraceMs));
    await gatewayProcess?.stop();
    await Promise.all(processes.filter((p) => p !== gatewayProcess).map((p) => p.stop()));
    await Promise.all(dataSources.map((d) => d.destroy()));
  };
  try {
    // Every process loads its code at once (seconds each); the subgraphs start side by side, each migrating its own schema.
    const services = SUBGRAPHS.map((module) => ({ module, service: spawnService(module.name) }));
    processes.push(...services.map((s) => s.service));
    gatewayProcess = spawnService('gateway');
    processes.push(gatewayProcess);
    const subgraphsListening = await Promise.all(
      services.map(async ({ module, service }) => {
        const start = subgraphStartOptions(options, module);
        return { start, at: await started(service, { kind: 'startSubgraph', name: module.name, options: start }) };
      }),
    );
    for (const [i, { module, service }] of services.entries()) {
      // The launcher's own connection, for the seed and for tests reading the data (the service process serves on its own pool).
      const dataSource = await subgraphDataSource(module, subgraphsListening[i].start.database.url, 2).initialize();
      dataSources.push(dataSource);
      // seedIfEmpty sets `seeding`; the subgraph's process answers its readiness with it.
      let seeding = false;
      const startup: StartupState = {
        get seeding() {
          return seeding;
        },
        set seeding(value: boolean) {
          seeding = value;
          service.tell({ kind: 'startup', startup: { seeding: value } });
        },
      };
      subgraphs.push({
        module,
        dataSource,
        service: { ...subgraphsListening[i].at, stop: service.stop },
        startup,
        database: subgraphsListening[i].start.database,
        stop: service.stop,
      });
    }
    const startup: StartupState = { seeding: Boolean(options.seed) };
    const gatewayStart = {
      ...gatewayStartOptions(
        options,
        subgraphs.map((s) => [s.module.name, s.service.url]),
      ),
      startup,
    };
    const listening = await started(gatewayProcess, { kind: 'startGateway', options: gatewayStart });
    gateway = { ...listening, stop: gatewayProcess.stop };
    for (const service of processes) service.tell({ kind: 'gatewayUrl', url: gateway.url });
    if (options.seed) {
      logger.info({ url: gateway.url }, 'gateway listening; seeding what is empty: GraphQL answers SERVICE_UNAVAILABLE until done');
      await seedIfEmpty(subgraphs, options.seed);
      gatewayProcess.tell({ kind: 'startup', startup: { seeding: false } });
    }
  } catch (error) {
    await stop().catch((stopError) => logger.error({ err: stopError }, 'stopping after a failed start'));
    throw error;
  }
  return { gateway, subgraphs, stop };
}
