import { randomBytes } from 'node:crypto';
import type { Clock, Role, SeedOptions } from '@civic/shared';
import type { SubgraphDatabaseUrls } from '@civic/shared';
import { createTestDatabase, TestDatabase, testRolePassword, testSubgraphUrls } from '@civic/shared/src/testing';
import { readFileSync } from 'node:fs';
import { signToken } from '@civic/gateway/src/tokens';
import { GatewayOptions, startGateway } from '@civic/gateway/src/server';
import { SAFELIST_FILE, SUPERGRAPH_FILE } from '@civic/gateway/src/config';
import { readSafelist } from '@civic/gateway/src/plugins/safelist';
import type { RunningService } from '@civic/shared';
import { RunningGraph, startGraph } from '../graph/launch';

export interface TestGraph extends RunningGraph {
  url: string;
  database: TestDatabase;
  jwtSecret: string;
  internalSecret: string;
  /** a token as `npm run token` makes it, signed with this graph's secret; `partner` for a PARTNER */
  token(roles: Role[], region?: string, sub?: string, partner?: string): Promise<string>;
  /** POSTs a GraphQL request to the gateway, as a dashboard does */
  query(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; body: any }>;
  /** what a subgraph connects with (its roles), for starting another replica of it */
  subgraphDatabase(subgraph: string): SubgraphDatabaseUrls;
  /** the subgraph's own database connection (as its serving role), for arranging rows */
  db(subgraph: string): RunningGraph['subgraphs'][number]['dataSource'];
}

/** The whole graph over real HTTP on free ports, on its own copy of the test database. */
export async function startTestGraph(
  options: {
    seed?: SeedOptions | false;
    subgraphTimeoutMs?: number;
    production?: boolean;
    /** every service's /metrics token (CIVIC_METRICS_TOKEN) */
    metricsToken?: string;
    /** production tokens: the identity provider's key set, and the issuer and audience tokens must carry */
    jwksUrl?: string;
    jwtIssuer?: string;
    jwtAudience?: string;
    /** subgraphs whose data lives on another server: the URL of a database there, prepared by the caller (migrated, roles made) */
    subgraphDatabases?: Record<string, string>;
    /** the gateway's CIVIC_OPERATIONS: 'safelist' serves only schema/safelist.json's operations */
    operations?: 'all' | 'safelist';
    /** what every subgraph reads as now (a trend's last month); the system's time when unset */
    clock?: Clock;
    /**
     * The gateway's response cache: off unless asked, so that every other test reads
     * what it has just written (responseCache.e2e.test.ts tests the cache itself).
     */
    responseCache?: Exclude<GatewayOptions['responseCache'], false>;
  } = {},
): Promise<TestGraph> {
  const database = await createTestDatabase();
  const jwtSecret = randomBytes(32).toString('base64url');
  const internalSecret = randomBytes(32).toString('base64url');
  const databaseOf = (subgraph: string) => options.subgraphDatabases?.[subgraph] ?? database.url;
  const graph = await startGraph({
    databaseUrl: databaseOf,
    // The roles globalSetup made, with the grants the template database carries.
    rolePassword: testRolePassword,
    ports: 'free',
    tokens: { secret: jwtSecret, jwksUrl: options.jwksUrl, issuer: options.jwtIssuer, audience: options.jwtAudience },
    internalSecret,
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? 5_000,
    poolSize: 3,
    seed: options.seed ?? false,
    production: options.production,
    metricsToken: options.metricsToken,
    safelist: options.operations === 'safelist' ? readSafelist(SAFELIST_FILE) : undefined,
    clock: options.clock,
    responseCache: options.responseCache ?? false,
  });
  const url = graph.gateway.url;
  return {
    ...graph,
    url,
    database,
    jwtSecret,
    internalSecret,
    token: (roles, region, sub = 'e0000000-0000-4000-8000-000000000001', partner) =>
      signToken({ sub, roles, region, partner, issuer: options.jwtIssuer, audience: options.jwtAudience }, jwtSecret),
    async query(query, variables = {}, token) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.json() };
    },
    subgraphDatabase: (name) => testSubgraphUrls(databaseOf(name), graph.subgraphs.find((s) => s.module.name === name)!.module.dbSchema),
    db: (name) => {
      const found = graph.subgraphs.find((s) => s.module.name === name);
      if (!found) throw new Error(`no subgraph ${name}`);
      return found.dataSource;
    },
    stop: async () => {
      await graph.stop();
      await database.drop();
    },
  };
}

/**
 * A second gateway over a running test graph's subgraphs, with some of them
 * replaced (by a hung or refusing stand-in, or a replica elsewhere): how a test
 * shows what callers see when one subgraph misbehaves, beside a healthy graph.
 */
export function gatewayBeside(
  graph: TestGraph,
  replaced: Record<string, string>,
  options: Partial<Pick<GatewayOptions, 'subgraphTimeoutMs' | 'startup'>> = {},
): Promise<RunningService> {
  const urls = Object.fromEntries(graph.subgraphs.map((s) => [s.module.name, s.service.url]));
  return startGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    port: 0,
    tokens: { secret: graph.jwtSecret },
    internalSecret: graph.internalSecret,
    subgraphUrls: { ...urls, ...replaced },
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? 500,
    startup: options.startup,
    responseCache: false,
  });
}
