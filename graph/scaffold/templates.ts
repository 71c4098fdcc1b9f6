import type { SubgraphNames } from './names';

/**
 * The files of a new subgraph: a small but complete example of the graph's
 * conventions that a partner renames and grows. It extends Region with figures
 * and a list, owns one entity (a "site") with a guarded, retry-safe mutation,
 * migrates its own schema, seeds, and tests itself over real HTTP and PostgreSQL.
 */
export function subgraphFiles(n: SubgraphNames, port: number, migrationTimestamp: number, partner: string): Record<string, string> {
  const migration = `Create${n.pascal}${migrationTimestamp}`;
  const keysTimestamp = migrationTimestamp + 1;
  return {
    'package.json': `${JSON.stringify(
      { name: `@civic/${n.name}`, version: '0.1.0', private: true, description: partner, main: 'src/index.ts', dependencies: { '@civic/shared': '0.1.0' } },
      null,
      2,
    )}\n`,

    'schema.graphql': `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

"""
An administrative region of Fujian, owned by the directory. ${n.name} adds its
own figures and sites; statistics cover the region and everything below it. Like
every field one subgraph adds to another's entity they are nullable, so that when
${n.name} cannot answer a dashboard loses only these fields, not the region.
"""
type Region @key(fields: "code") {
  code: ID!
  "${n.name}'s figures for this region and everything below it; null when ${n.name} cannot answer."
  ${n.camel}: ${n.pascal}Stats
  "${n.name}'s sites in this region and everything below it, by name; at most \`first\` (20 by default, 100 at most). Null when ${n.name} cannot answer."
  ${n.camel}Sites(first: Int = 20): [${n.pascal}Site!]
}

"${n.name}'s figures for a region."
type ${n.pascal}Stats {
  "Sites in the region and everything below it; null when withheld (see \`suppressed\`)."
  sites: Int
  "The counts withheld by statistical disclosure control (the README's rule): under 5, or able to be subtracted back, for callers without the region's exact figures. Empty when every count is exact."
  suppressed: [String!]!
}

"A place ${n.name} runs, in one community. Public: anyone may read it."
type ${n.pascal}Site @key(fields: "id") {
  id: ID!
  name: String!
  "The community the site is in."
  region: Region!
}

type Query {
  "A site by id; null when unknown."
  ${n.camel}Site(id: ID!): ${n.pascal}Site
}

type Mutation {
  """
  Adds a site to a community (12-digit code). For a CITY_ADMIN, or a
  DISTRICT_OFFICER or this subgraph's PARTNER (partner claim "${n.name}") whose
  region covers the community (anonymous callers UNAUTHENTICATED, anyone else
  FORBIDDEN). Safe to retry: the same name in the same community returns the site
  already added, and with \`idempotencyKey\` a retry returns the first answer (the
  same key with other arguments: CONFLICT).
  """
  add${n.pascal}Site(name: String!, regionCode: ID!, idempotencyKey: String): ${n.pascal}Site!
}
`,

    // The partner's dashboards' operations, registered for the gateway's safelist (npm run compose).
    [`operations/${n.pascal}Sites.graphql`]: `# variables: {"code": "350105"}
# The partner's dashboard: its figures and sites in a region. A gateway running with
# CIVIC_OPERATIONS=safelist serves only registered operations: add each one the
# partner's clients send here, one per file, named as the file; npm run compose registers it.
query ${n.pascal}Sites($code: ID!) {
  region(code: $code) {
    code
    name
    ${n.camel} { sites }
    ${n.camel}Sites { id name region { code name } }
  }
}
`,

    'src/index.ts': `// First: tracing starts (OTEL_EXPORTER_OTLP_ENDPOINT set) before http, express, graphql and pg load.
import '@civic/shared/src/tracing/register';
import { runSubgraphMain } from '@civic/shared';
import { ${n.camel} } from './module';

// Runs ${n.name} alone, as a deployment does (see docker-compose.yml).
runSubgraphMain(${n.camel});
`,

    'src/module.ts': `import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadTypeDefs, SubgraphModule } from '@civic/shared';
import { ${migration} } from './migrations/${migrationTimestamp}-Create${n.pascal}';
import { IdempotencyKeys${keysTimestamp} } from './migrations/${keysTimestamp}-IdempotencyKeys';
import { contextFactory } from './context';
import { resolvers, writes } from './resolvers';
import { seed${n.pascal} } from './seed';

export const typeDefs = loadTypeDefs(path.join(__dirname, '..', 'schema.graphql'));

/** ${partner} */
export const ${n.camel}: SubgraphModule = {
  name: '${n.name}',
  dbSchema: '${n.dbSchema}',
  defaultPort: ${port},
  entities: [],
  migrations: [${migration}, IdempotencyKeys${keysTimestamp}],
  definition: (db: DataSource) => ({ name: '${n.name}', typeDefs, resolvers, createContext: contextFactory(db) }),
  // Every mutation's declaration (who may act, its rules, its key), for the tests that walk them.
  writes,
  isEmpty: async (db) => (await db.query(\`/* anySite */ SELECT 1 FROM ${n.dbSchema}.site LIMIT 1\`)).length === 0,
  seed: (db, options) => seed${n.pascal}(db, options),
};
`,

    [`src/migrations/${migrationTimestamp}-Create${n.pascal}.ts`]: `import { MigrationInterface, QueryRunner } from 'typeorm';

/** ${n.name}'s sites. Region codes use the C collation so that "a region and everything below it" is an index range scan. */
export class ${migration} implements MigrationInterface {
  name = '${migration}';

  async up(db: QueryRunner): Promise<void> {
    await db.query(\`
      CREATE TABLE ${n.dbSchema}.site (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- a retried add finds the site it made the first time
        UNIQUE (region_code, name)
      )\`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(\`DROP TABLE ${n.dbSchema}.site\`);
  }
}
`,

    [`src/migrations/${keysTimestamp}-IdempotencyKeys.ts`]: `import { idempotencyKeyMigration } from '@civic/shared';

/** The write path's idempotency store for ${n.name}'s mutations (the one shared shape; see @civic/shared write/). */
export const IdempotencyKeys${keysTimestamp} = idempotencyKeyMigration('${n.dbSchema}', ${keysTimestamp});
`,

    'src/repositories/sites.ts': `import type { DataSource } from 'typeorm';
import { keyedLoader, type Sql } from '@civic/shared';

export interface Site {
  id: string;
  name: string;
  regionCode: string;
}

const COLUMNS = 'id, name, region_code AS "regionCode"';

export function siteRepository(db: Sql) {
  return {
    byIds: (ids: readonly string[]): Promise<Site[]> =>
      db.query(\`/* sitesByIds */ SELECT \${COLUMNS} FROM ${n.dbSchema}.site WHERE id = ANY($1::uuid[])\`, [ids]),
    inRegion: (code: string, first: number): Promise<Site[]> =>
      db.query(
        \`/* sitesInRegion */ SELECT \${COLUMNS} FROM ${n.dbSchema}.site
         WHERE region_code >= $1 AND region_code < $1 || '~' ORDER BY name, id LIMIT $2\`,
        [code, first],
      ),
    /** Inserts, or returns the site a previous try inserted. */
    add: async (name: string, regionCode: string): Promise<Site> => {
      const [site] = await db.query(
        \`/* addSite */ INSERT INTO ${n.dbSchema}.site (name, region_code) VALUES ($1, $2)
         ON CONFLICT (region_code, name) DO UPDATE SET name = EXCLUDED.name
         RETURNING \${COLUMNS}\`,
        [name, regionCode],
      );
      return site;
    },
  };
}

export const siteLoader = (db: DataSource) => keyedLoader((ids: readonly string[]) => siteRepository(db).byIds(ids), (s) => s.id);
`,

    'src/repositories/regionStats.ts': `/** One row per region code: the sites at or below it, as a range scan on region_code. */
export const ${n.pascal.toUpperCase()}_STATS_SQL = \`/* ${n.camel}Stats */
  SELECT r.code,
    (SELECT count(*) FROM ${n.dbSchema}.site s WHERE s.region_code >= r.code AND s.region_code < r.code || '~')::int AS sites
  FROM unnest($1::text[]) AS r(code)\`;

export const toStats = (row: { code: string; sites: number } | undefined) => ({ sites: row?.sites ?? 0 });
`,

    'codegen.json': `${JSON.stringify(
      {
        $comment: "npm run codegen types the resolvers from schema.graphql: the context they get, and the row each type's resolvers get as parent",
        contextType: `../context#${n.pascal}Context`,
        mappers: { [`${n.pascal}Site`]: '../repositories/sites#Site' },
      },
      null,
      2,
    )}\n`,

    'src/context.ts': `import type { DataSource } from 'typeorm';
import { Identity, regionCodesInUse, regionStatsLoader } from '@civic/shared';
import { ${n.pascal.toUpperCase()}_STATS_SQL, toStats } from './repositories/regionStats';
import { siteLoader, siteRepository } from './repositories/sites';

export interface ${n.pascal}Context {
  identity: Identity;
  /** the write path opens each mutation's one transaction on it */
  db: DataSource;
  sites: ReturnType<typeof siteRepository>;
  loaders: ReturnType<typeof createLoaders>;
}

// The region codes the counts are drawn from, for statistical disclosure control.
const SITE_REGIONS = regionCodesInUse('${n.camel}RegionsInUse', ['${n.dbSchema}.site']);

// Fresh loaders per request, so that one caller never sees another's cache; the figures are withheld as the caller's role says.
const createLoaders = (db: DataSource, identity: Identity) => ({
  site: siteLoader(db),
  stats: regionStatsLoader(db, ${n.pascal.toUpperCase()}_STATS_SQL, toStats, { identity, regionsInUse: SITE_REGIONS, shape: { counts: ['sites'] } }),
});

export const contextFactory = (db: DataSource) => {
  const sites = siteRepository(db);
  return (identity: Identity): ${n.pascal}Context => ({ identity, db, sites, loaders: createLoaders(db, identity) });
};
`,

    'src/access.ts': `import { coversRegion, hasRole, isPartnerOf, writeRule } from '@civic/shared';

/** This subgraph's name in the registry, which its partner's token names in its \`partner\` claim. */
export const PARTNER_NAME = '${n.name}';

/**
 * Who may add a site, beyond the roles its declaration names: a city admin, or a
 * district officer or this subgraph's own partner whose region covers the
 * community. Applied by the mutation inside its transaction (write.require).
 */
export const siteStaffRule = writeRule<{ regionCode: string }>(
  'siteStaff',
  'your role does not cover this community',
  (identity, site) =>
    hasRole(identity, 'CITY_ADMIN') ||
    ((hasRole(identity, 'DISTRICT_OFFICER') || isPartnerOf(identity, PARTNER_NAME)) && coversRegion(identity, site.regionCode)),
);
`,

    'src/resolvers/index.ts': `import { assertUuid, badUserInput, intIn, isRegionCode, MAX_PAGE_SIZE, regionReference, requiredText, writePath } from '@civic/shared';
import type { ${n.pascal}Context } from '../context';
import { siteRepository } from '../repositories/sites';
import { PARTNER_NAME, siteStaffRule } from '../access';
// Generated from schema.graphql and codegen.json by \`npm run codegen\`: every resolver's parent, arguments and result.
import type { MutationAdd${n.pascal}SiteArgs, Resolvers } from '../generated/resolvers';

/**
 * Every mutation goes through the write path (see @civic/shared write/index.ts):
 * declared once with the roles that may act (ANALYST never; PARTNER only with this
 * subgraph's name in its claim), the rules applied with the data, and the key.
 */
const write = writePath<${n.pascal}Context>({ subgraph: PARTNER_NAME, dbSchema: '${n.dbSchema}', partner: true });

export const writes = {
  add${n.pascal}Site: write.mutation({
    roles: ['CITY_ADMIN', 'DISTRICT_OFFICER', 'PARTNER'],
    rules: [siteStaffRule],
    idempotencyKey: 'optional',
    parse: (args: MutationAdd${n.pascal}SiteArgs) => {
      const name = requiredText(args.name, 100, 'name');
      if (!isRegionCode(args.regionCode) || args.regionCode.length !== 12) {
        throw badUserInput('regionCode must be a 12-digit community code', { argument: 'regionCode' });
      }
      return { name, regionCode: args.regionCode };
    },
    run: async (w, site) => {
      w.require(siteStaffRule, site);
      return siteRepository(w.tx).add(site.name, site.regionCode);
    },
    result: { typename: '${n.pascal}Site', load: async (tx, id) => (await siteRepository(tx).byIds([id]))[0] },
  }),
};

export const resolvers: Resolvers = {
  Region: {
    ...regionReference,
    ${n.camel}: (region, _, ctx) => ctx.loaders.stats.load(region.code),
    ${n.camel}Sites: (region, args, ctx) => ctx.sites.inRegion(region.code, intIn(args.first, 0, MAX_PAGE_SIZE, 'first')),
  },
  ${n.pascal}Site: {
    // Sites are public, so a reference needs no check beyond existing.
    __resolveReference: (ref, ctx) => ctx.loaders.site.load(ref.id),
    region: (site) => ({ code: site.regionCode }),
  },
  Query: {
    ${n.camel}Site: (_, args, ctx) => ctx.loaders.site.load(assertUuid(args.id)),
  },
  Mutation: write.resolvers(writes),
};
`,

    'src/seed/index.ts': `import type { DataSource } from 'typeorm';
import type { SeedOptions } from '@civic/shared';

/** One site in each of the first communities the directory's people live in: enough to see the figures. */
export async function seed${n.pascal}(db: DataSource, options: SeedOptions): Promise<void> {
  const communities = [...new Set((options.population?.people ?? []).map((p) => p.regionCode))].sort().slice(0, 10);
  await db.query(
    \`INSERT INTO ${n.dbSchema}.site (name, region_code)
     SELECT '${n.name} ' || (row_number() OVER ()), code FROM unnest($1::text[]) AS code
     ON CONFLICT DO NOTHING\`,
    [communities],
  );
}
`,

    [`test/${n.name}.test.ts`]: `import type { Identity } from '@civic/shared';
import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { ${n.camel} } from '../src/module';

const ADD = \`mutation ($name: String!, $regionCode: ID!, $key: String) { add${n.pascal}Site(name: $name, regionCode: $regionCode, idempotencyKey: $key) { id name region { code } } }\`;
const STATS = \`query ($codes: [_Any!]!) { _entities(representations: $codes) { ... on Region { code ${n.camel} { sites } ${n.camel}Sites { name } } } }\`;
const officer = (region: string): Identity => ({ sub: 'e0000000-0000-4000-8000-000000000002', roles: ['DISTRICT_OFFICER'], region });
const partner = (name: string): Identity => ({ sub: 'e0000000-0000-4000-8000-000000000003', roles: ['PARTNER'], region: '350105', partner: name });
const regions = (...codes: string[]) => ({ codes: codes.map((code) => ({ __typename: 'Region', code })) });

describe('${n.name}', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(${n.camel});
  });
  afterAll(() => graph.stop());
  const count = async () => Number((await graph.db.query('SELECT count(*) FROM ${n.dbSchema}.site'))[0].count);

  it('when a district officer adds a site twice, then there is one site and the region figures count it', async () => {
    const first = await graph.query(ADD, { name: '新港站点', regionCode: '350105001001' }, officer('350105'));
    const again = await graph.query(ADD, { name: '新港站点', regionCode: '350105001001' }, officer('350105'));
    expect(first.body.errors).toBeUndefined();
    expect(again.body.data.add${n.pascal}Site.id).toBe(first.body.data.add${n.pascal}Site.id);
    const { body } = await graph.query(STATS, regions('350105', '350105001', '350504'), EXACT_FIGURES);
    expect(body.data._entities.map((r: any) => r.${n.camel}.sites)).toEqual([1, 1, 0]);
    // The public does not learn a count under 5 (statistical disclosure control).
    const shown = await graph.query(STATS, regions('350105001'));
    expect(shown.body.data._entities[0].${n.camel}.sites).toBeNull();
    expect(body.data._entities[0].${n.camel}Sites).toEqual([{ name: '新港站点' }]);
  });

  it('when a site is added again with its key but another name, then CONFLICT names the key and nothing is stored', async () => {
    await graph.query(ADD, { name: '马尾站点', regionCode: '350105001003', key: 'k1' }, officer('350105'));
    const before = await count();
    const { body } = await graph.query(ADD, { name: '另一个站点', regionCode: '350105001003', key: 'k1' }, officer('350105'));
    expect(body.errors[0].extensions).toMatchObject({ code: 'CONFLICT', idempotencyKey: 'k1' });
    expect(await count()).toBe(before);
  });

  it.each([
    ['anonymous', undefined, 'UNAUTHENTICATED', '350105001002'],
    ['an officer of another district', officer('350504'), 'FORBIDDEN', '350105001002'],
    ["another subgraph's partner", partner('another-partner'), 'FORBIDDEN', '350105001002'],
    ['an analyst', { sub: 'e0000000-0000-4000-8000-000000000004', roles: ['ANALYST'], region: '35' } as Identity, 'FORBIDDEN', '350105001002'],
    ['a street code', officer('350105'), 'BAD_USER_INPUT', '350105001'],
  ])('when %s adds a site, then it is refused and nothing is stored', async (_who, identity, code, regionCode) => {
    const before = await count();
    const { body } = await graph.query(ADD, { name: '站点', regionCode }, identity);
    expect(body.errors[0].extensions.code).toBe(code);
    expect(await count()).toBe(before);
  });
});
`,
  };
}
