import type { ServiceCredentials } from './auth/signing';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { BaseContext } from '@apollo/server';
import { createDataSource, migrate } from './db/dataSource';
import { replayGuardPool, signedRequestMigration } from './auth/replayGuard';
import { grantServing, roleOfUrl, SubgraphDatabaseUrls } from './db/roles';
import { type AuditTable, auditPartitioning } from './audit/table';
import { type MonthlyPartitioning, partitionMaintenanceJob } from './db/partitions';
import { RunningService, serveSubgraph, SubgraphDefinition } from './graphql/subgraphServer';
import type { WriteDeclarations } from './write/declare';
import type { Rollup } from './rollup/figures';
import { withMigrationLock } from './db/migrationLock';
import type { StartupState } from './health/readiness';
import { subgraphReadiness } from './health/subgraphReadiness';
import { serviceLogger } from './logger';
import { MetricsAccess, serviceRegistry } from './metrics/registry';
import { poolMetrics } from './metrics/pool';
import type { Registry } from 'prom-client';
import { BackgroundJob, startJobs } from './jobs';
import { idempotencyKeyRetention } from './write/keyRetention';
import { type Clock, systemClock } from './clock';

/**
 * How much a seed makes: `demo` the hand-written stories at a few thousand rows, `city`
 * about 100k elders and 1M service requests, `province` people in every Fujian community
 * (about 1.2M elders, 12M requests, 200k volunteers). The larger two are set-based SQL.
 */
export const SEED_SIZES = ['demo', 'city', 'province'] as const;
export type SeedSize = (typeof SEED_SIZES)[number];

export interface SeedOptions {
  /** every random choice derives from this number, so a seed is reproducible */
  seed: number;
  size: SeedSize;
  /**
   * The seed's reference day (YYYY-MM-DD, China time): generated history ends on it and
   * spreads over the 12 months before. The launcher passes today's (CIVIC_SEED_TODAY
   * fixes it); unset, a seed plans as of 2026-11-23, so tests stay reproducible.
   */
  today?: string;
  /**
   * The people and organizations the directory holds, for domain seeds to refer
   * to by id (a domain subgraph never reads the directory's tables itself).
   */
  population?: SeedPopulation;
}

export interface SeedPopulation {
  /** `name` (surname first) lets kin share a surname; seeds without it skip that rule */
  people: { id: string; gender: 'MALE' | 'FEMALE'; birthDate: string; regionCode: string; name?: string }[];
  organizations: { id: string; name: string; kind: string; regionCode: string | null }[];
  /** the directory's regions by name, so seeds name teams after places, not codes, and place a centre in every community */
  regions?: { code: string; name: string }[];
  /** elder-care's elders, for partner seeds that serve them (elder canteens) */
  elders?: { id: string; personId: string; regionCode: string; conditions: string[] }[];
  /** elder-care's volunteers (its district teams' members), so the volunteer seeds after it can pick others, or the same on purpose */
  careVolunteers?: { personId: string }[];
  /** elder-care's 金厝边 pilot communities, for the assessments seed to score */
  pilots?: { regionCode: string }[];
  /** neighbour-stations' stations, for the assessments seed to score */
  stations?: { id: string; name: string; regionCode: string }[];
  /** veteran-volunteers' teams, for the assessments seed to score */
  veteranTeams?: { id: string; name: string; regionCode: string }[];
}

/**
 * What a subgraph package exports for the launcher, the tests and its own
 * `index.ts`: everything needed to migrate, seed and serve it.
 */
export interface SubgraphModule {
  /** service name, as in the supergraph */
  name: string;
  /** its own PostgreSQL schema */
  dbSchema: string;
  /** its port in the architecture table */
  defaultPort: number;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  /** PostgreSQL extensions its migrations use: installed by the administrator, not its owner role (db/roles.ts) */
  extensions?: string[];
  /** its append-only access logs: its serving database role may only INSERT and SELECT them; monthly partitioned (auditPartitioning) */
  auditTables?: AuditTable[];
  /** its other monthly partitioned tables (a ledger, say): the maintenance job keeps their months made ahead as the audit logs' */
  monthlyTables?: MonthlyPartitioning[];
  definition(dataSource: DataSource, services: GraphServices): SubgraphDefinition<BaseContext>;
  /**
   * Every mutation's declaration (who may act, its rules, its idempotency key), by
   * field name: the same objects its `Mutation` resolvers run through the write path
   * (see write/index.ts). A subgraph without mutations leaves it out.
   */
  writes?: WriteDeclarations;
  /** work on its own clock (sweeps, retention), run while it serves: see jobs.ts */
  jobs?: BackgroundJob[];
  /**
   * Its public region figures' running sums (rollup/): kept by its migration's
   * triggers; a seed or bulk load that bypasses them calls `rebuildRollup(db, module.rollup)`.
   */
  rollup?: Rollup;
  /** registers the subgraph's own metrics (read at scrape time) beside the shared ones */
  metrics?(registry: Registry, dataSource: DataSource): void;
  /** loads reference data every deployment needs (idempotent) */
  prepare?(dataSource: DataSource): Promise<void>;
  /** true when the subgraph holds no seedable data yet */
  isEmpty?(dataSource: DataSource): Promise<boolean>;
  seed?(dataSource: DataSource, options: SeedOptions): Promise<void>;
  /**
   * Who and what there is, for the seeds of the subgraphs after this one: the
   * directory gives people and organizations, elder-care its elders.
   */
  population?(dataSource: DataSource): Promise<Partial<SeedPopulation>>;
}

/**
 * What a subgraph may know of the rest of the graph: the gateway's public URL,
 * through which it may ask another subgraph what that one owns (never its tables).
 */
export interface GraphServices {
  gatewayUrl: string;
  /** this subgraph's name and own secret, which sign its every question to the gateway (queryGraph) */
  credentials: ServiceCredentials;
  /** what the subgraph reads as now (a trend's last month): the system's when unset, or a test's (clock.ts) */
  clock?: Clock;
}

export interface StartedSubgraph {
  module: SubgraphModule;
  dataSource: DataSource;
  service: RunningService;
  /** set `seeding` while the launcher seeds it: its /readyz answers 503 "seeding" meanwhile */
  startup: StartupState;
  /** its database roles' URLs: the launcher seeds as the schema's owner (seed/bulk.ts sets indexes aside only for it) */
  database: SubgraphDatabaseUrls;
  stop(): Promise<void>;
}

/**
 * The jobs every subgraph runs as the shared code's needs: its idempotency keys'
 * retention, and the months ahead and retention of its monthly partitioned tables
 * (its audit logs, and any it names in monthlyTables).
 */
export function sharedJobs(module: SubgraphModule): BackgroundJob[] {
  const monthly = [...(module.auditTables ?? []).map(auditPartitioning), ...(module.monthlyTables ?? [])];
  return [idempotencyKeyRetention(module.dbSchema), ...(monthly.length ? [partitionMaintenanceJob(monthly)] : [])];
}

export function subgraphDataSource(module: SubgraphModule, url: string, poolSize: number): DataSource {
  return createDataSource({
    url,
    schema: module.dbSchema,
    entities: module.entities,
    // Every subgraph also keeps the request ids of the gateway's signed calls (auth/replayGuard.ts).
    migrations: [...Object.values(module.migrations), signedRequestMigration(module.dbSchema)],
    poolSize,
    applicationName: `civic-${module.name}`,
  });
}

/**
 * Connects, migrates, prepares reference data: what must hold before serving.
 * With a migration URL the schema's owner role migrates (then grants the serving
 * role its tables, see db/roles.ts) and the subgraph serves as its own role;
 * without one, one connection does both. Under the schema's migration lock, so
 * replicas starting together take turns.
 */
export async function openSubgraphDatabase(module: SubgraphModule, database: SubgraphDatabaseUrls, poolSize: number) {
  const dataSource = await subgraphDataSource(module, database.url, poolSize).initialize();
  try {
    await withMigrationLock(database.migrationUrl ?? database.url, module.dbSchema, async () => {
      if (database.migrationUrl) {
        const owner = await subgraphDataSource(module, database.migrationUrl, 1).initialize();
        try {
          await migrate(owner, module.dbSchema);
          const auditTables = (module.auditTables ?? []).map((table) => table.table);
          await owner.transaction((manager) => grantServing(manager, module.dbSchema, roleOfUrl(database.url), auditTables));
        } finally {
          await owner.destroy();
        }
      } else {
        await migrate(dataSource, module.dbSchema);
      }
      await module.prepare?.(dataSource);
    });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

export async function startSubgraph(
  module: SubgraphModule,
  options: {
    database: SubgraphDatabaseUrls;
    port: number;
    secret: string;
    poolSize: number;
    /** false: the schema was migrated beforehand (a migration Job) and this process only serves; default true */
    migrate?: boolean;
    host?: string;
    /**
     * The gateway's URL, or where to find it once it listens: the graph starts its
     * subgraphs before the gateway, which takes a free port only when it listens
     * (a port chosen beforehand could be taken meanwhile by anything else).
     */
    gatewayUrl: string | (() => string);
    /** who may read its /metrics (open in development when not given) */
    metrics?: MetricsAccess;
    /** what it reads as now; the system's time unless a test sets it */
    clock?: Clock;
  },
): Promise<StartedSubgraph> {
  const dataSource =
    options.migrate === false
      ? await subgraphDataSource(module, options.database.url, options.poolSize).initialize()
      : await openSubgraphDatabase(module, options.database, options.poolSize);
  const guard = replayGuardPool(options.database.url, module.dbSchema, `civic-${module.name}-replay-guard`);
  const startup: StartupState = { seeding: false };
  const registry = serviceRegistry(module.name);
  poolMetrics(registry, dataSource);
  module.metrics?.(registry, dataSource);
  const gatewayUrl = options.gatewayUrl;
  const services: GraphServices = {
    get gatewayUrl() {
      return typeof gatewayUrl === 'function' ? gatewayUrl() : gatewayUrl;
    },
    credentials: { name: module.name, secret: options.secret },
    clock: options.clock ?? systemClock,
  };
  const service = await serveSubgraph(module.definition(dataSource, services), {
    port: options.port,
    host: options.host,
    secret: options.secret,
    replayGuard: guard,
    readiness: subgraphReadiness(dataSource, startup, serviceLogger(module.name)),
    metrics: { registry, access: options.metrics ?? {} },
  });
  const jobs = startJobs([...(module.jobs ?? []), ...sharedJobs(module)], dataSource, services, serviceLogger(module.name));
  return {
    module,
    dataSource,
    service,
    startup,
    database: options.database,
    // Drain HTTP and let jobs in flight finish first, so both can still use the pool.
    stop: async () => {
      await Promise.all([service.stop(), jobs.stop()]);
      await guard.close();
      await dataSource.destroy();
    },
  };
}
