import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The few parts of Hive Gateway the bench uses, typed here by hand. Its own type
 * declarations pull in @whatwg-node/fetch's, which reference TypeScript's DOM
 * library: compiled with the repository's one tsconfig, the DOM's `fetch` and
 * `BodyInit` then replace Node's for every file of the project (a test posting a
 * Buffer stops type-checking). A yardstick must not change how the project's own
 * code type-checks, so the modules load untyped and get these shapes.
 */
export interface OnFetchPayload {
  url: string;
  options: { body?: unknown; headers?: Record<string, string> } & Record<string, unknown>;
  setOptions(options: Record<string, unknown>): void;
  /** the client request's context; only `{ log }` when Hive fetches something of its own */
  context: { request?: { headers: { get(name: string): string | null } }; params?: { operationName?: string } };
}

export interface HivePlugin {
  onFetch(payload: OnFetchPayload): Promise<void> | void;
}

export interface HiveRuntime {
  (req: IncomingMessage, res: ServerResponse): void;
  graphqlEndpoint: string;
  dispose(): Promise<void> | void;
}

interface HiveGatewayModule {
  createGatewayRuntime(config: {
    supergraph: string;
    unifiedGraphHandler?: unknown;
    plugins: () => HivePlugin[];
    transportEntries?: Record<string, { options: Record<string, unknown> }>;
    logging: boolean;
    landingPage: boolean;
    graphiql: boolean;
  }): HiveRuntime;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped on purpose (above)
export const hiveGateway: HiveGatewayModule = require('@graphql-hive/gateway');
/** The Rust query planner and its executor, for `unifiedGraphHandler`. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped on purpose (above)
export const rustPlanner: { unifiedGraphHandler: unknown } = require('@graphql-hive/router-runtime');
