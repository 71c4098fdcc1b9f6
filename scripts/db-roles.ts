import { assertDatabaseReachable, baseEnv, ConfigError, isStartupError, loadConfig, provisionDatabase, schemaRoles } from '@civic/shared';
import { rolePasswords } from '../graph/rolePasswords';
import { SUBGRAPHS } from '../graph/subgraphs';

/**
 * npm run db:roles — for a deployment's database (docker-compose.yml runs it once
 * before the subgraphs): as the administrator in DATABASE_URL, makes each
 * subgraph's two login roles with the passwords CIVIC_DB_PASSWORD_<NAME> and
 * CIVIC_DB_OWNER_PASSWORD_<NAME> (all required), installs the extensions the
 * subgraphs' migrations use, and gives each schema to its owner role. Idempotent:
 * run again, it resets the passwords and hands over whatever an older database
 * holds in the schemas. See packages/shared/src/db/roles.ts.
 */
async function main() {
  const config = loadConfig(baseEnv);
  if (!config.DATABASE_URL) throw new ConfigError("invalid configuration: DATABASE_URL must name the server's administrator");
  const passwords = rolePasswords(SUBGRAPHS);
  await assertDatabaseReachable(config.DATABASE_URL);
  await provisionDatabase(config.DATABASE_URL, SUBGRAPHS, passwords);
  console.log(`database roles ready: ${SUBGRAPHS.flatMap((m) => Object.values(schemaRoles(m.dbSchema))).join(', ')}`);
}

main().catch((error) => {
  console.error(isStartupError(error) ? `db:roles: ${error.message}` : error);
  process.exit(1);
});
