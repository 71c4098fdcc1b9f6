import { z } from 'zod';
import { derivedRolePassword, loadConfig, schemaRoles, subgraphEnvName as envName, SubgraphModule } from '@civic/shared';

/** The variables holding a subgraph's two role passwords (db/roles.ts), as docker-compose.yml names them. */
export function rolePasswordVariables(subgraph: string): { serving: string; owner: string } {
  return { serving: `CIVIC_DB_PASSWORD_${envName(subgraph)}`, owner: `CIVIC_DB_OWNER_PASSWORD_${envName(subgraph)}` };
}

/**
 * Each subgraph role's password: CIVIC_DB_PASSWORD_<NAME> (its serving role) and
 * CIVIC_DB_OWNER_PASSWORD_<NAME> (its owner) when set, validated once here; else,
 * for `npm start` and the seed, one derived from `fallbackSecret` (the master
 * secret). Without a fallback (the deployment's provisioning) every one is required.
 */
export function rolePasswords(subgraphs: SubgraphModule[], fallbackSecret?: string, env: NodeJS.ProcessEnv = process.env) {
  const password = fallbackSecret ? z.string().min(16).optional() : z.string().min(16);
  const variables = subgraphs.map((m) => ({ roles: schemaRoles(m.dbSchema), names: rolePasswordVariables(m.name) }));
  const shape = Object.fromEntries(
    variables.flatMap(({ names }) => [
      [names.serving, password],
      [names.owner, password],
    ]),
  );
  const config = loadConfig(z.object(shape), env) as Record<string, string | undefined>;
  const given = new Map<string, string | undefined>(
    variables.flatMap(({ roles, names }) => [
      [roles.serving, config[names.serving]],
      [roles.owner, config[names.owner]],
    ]),
  );
  return (role: string): string => {
    const explicit = given.get(role);
    if (explicit) return explicit;
    if (!fallbackSecret) throw new Error(`no password for database role ${role}`);
    return derivedRolePassword(fallbackSecret, role);
  };
}

const required = (variable: string) => `\${${variable}:?set ${variable}}`;

/**
 * How docker-compose.yml gives a subgraph's container its own two roles and nothing
 * else: the URLs of its serving role and its owner, each password a variable of its own.
 */
export function composeDatabaseUrls(subgraph: string, dbSchema: string): { DATABASE_URL: string; MIGRATION_DATABASE_URL: string } {
  const roles = schemaRoles(dbSchema);
  const variables = rolePasswordVariables(subgraph);
  const url = (role: string, variable: string) => `postgres://${role}:${required(variable)}@postgres:5432/civic`;
  return { DATABASE_URL: url(roles.serving, variables.serving), MIGRATION_DATABASE_URL: url(roles.owner, variables.owner) };
}

/** The db-roles service's password variables for one subgraph (it provisions every role). */
export function composeRolePasswords(subgraph: string): Record<string, string> {
  const { serving, owner } = rolePasswordVariables(subgraph);
  return { [serving]: required(serving), [owner]: required(owner) };
}
