import {
  assertDatabaseReachable,
  baseEnv,
  ConfigError,
  isStartupError,
  loadConfig,
  provisionDatabase,
  schemaRoles,
  subgraphDatabaseSettings,
} from '@civic/shared';
import { byServer } from '../graph/database';
import { rolePasswords } from '../graph/rolePasswords';
import { SUBGRAPHS } from '../graph/subgraphs';

/**
 * npm run db:roles — for a deployment's database (docker-compose.yml runs it once
 * before the subgraphs): as the administrator in DATABASE_URL, makes each
 * subgraph's two login roles (on its own server where DATABASE_URL_<NAME> names one) with the passwords CIVIC_DB_PASSWORD_<NAME> and
 * CIVIC_DB_OWNER_PASSWORD_<NAME> (all required), installs the extensions the
 * subgraphs' migrations use, and gives each schema to its owner role. Idempotent:
 * run again, it resets the passwords and hands over whatever an older database
 * holds in the schemas. See packages/shared/src/db/roles.ts.
 */
async function main() {
  const config = loadConfig(baseEnv);
  const databases = subgraphDatabaseSettings(
    SUBGRAPHS.map((m) => m.name),
    config,
  );
  const unnamed = SUBGRAPHS.filter((m) => !databases[m.name].url).map((m) => m.name);
  if (unnamed.length)
    throw new ConfigError(`invalid configuration: DATABASE_URL (or DATABASE_URL_<NAME>) must name the server's administrator for ${unnamed.join(', ')}`);
  const passwords = rolePasswords(SUBGRAPHS);
  for (const [url, subgraphs] of byServer(SUBGRAPHS, (name) => databases[name].url!)) {
    await assertDatabaseReachable(url);
    await provisionDatabase(url, subgraphs, passwords);
  }
  console.log(`database roles ready: ${SUBGRAPHS.flatMap((m) => Object.values(schemaRoles(m.dbSchema))).join(', ')}`);
}

main().catch((error) => {
  console.error(isStartupError(error) ? `db:roles: ${error.message}` : error);
  process.exit(1);
});
