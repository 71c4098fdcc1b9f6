import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SubgraphModule } from '@civic/shared';

export const REPO_ROOT = path.join(__dirname, '..');
export const REGISTRY_FILE = path.join(__dirname, 'subgraph-registry.json');

const name = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a subgraph name is lower-case words joined by hyphens');
const entry = z.union([
  // Built in this repository: the launcher runs it, its SDL is <path>/schema.graphql.
  z.object({ name, path: z.string().min(1), port: z.number().int().min(1024).max(65535), partner: z.string().optional() }).strict(),
  // Run by a partner elsewhere: composed from its SDL file, called at its URL; `operations`
  // a folder of its clients' registered operations, for the safelist (schema/src/safelist.ts).
  z.object({ name, url: z.string().url(), schema: z.string().min(1), operations: z.string().min(1).optional(), partner: z.string().optional() }).strict(),
]);
const registry = z
  .object({ $comment: z.string().optional(), subgraphs: z.array(entry).min(1) })
  .strict()
  .refine((r) => new Set(r.subgraphs.map((s) => s.name)).size === r.subgraphs.length, 'subgraph names must be unique')
  .refine((r) => {
    const ports = r.subgraphs.flatMap((s) => ('port' in s ? [s.port] : []));
    return new Set(ports).size === ports.length;
  }, 'each subgraph needs its own port');

export type RegistryEntry = z.infer<typeof entry>;
export type LocalEntry = Extract<RegistryEntry, { path: string }>;
export const isLocal = (e: RegistryEntry): e is LocalEntry => 'path' in e;

/** The registry of subgraphs (graph/subgraph-registry.json), checked. */
export function readRegistry(file = REGISTRY_FILE): RegistryEntry[] {
  const parsed = registry.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n');
    throw new Error(`${path.relative(REPO_ROOT, file)} is not a valid subgraph registry:\n${problems}`);
  }
  return parsed.data.subgraphs;
}

/** The SDL file a registered subgraph is composed from. */
export const schemaFile = (e: RegistryEntry) => path.join(REPO_ROOT, isLocal(e) ? path.join(e.path, 'schema.graphql') : e.schema);

/**
 * A local subgraph's module, from `<path>/src/module.ts`: the export that is a
 * SubgraphModule of the registered name.
 */
export function loadModule(e: LocalEntry): SubgraphModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports: Record<string, unknown> = require(path.join(REPO_ROOT, e.path, 'src', 'module'));
  const found = Object.values(exports).find(
    (value): value is SubgraphModule =>
      typeof value === 'object' && value !== null && (value as SubgraphModule).name === e.name && typeof (value as SubgraphModule).definition === 'function',
  );
  if (!found) throw new Error(`${e.path}/src/module.ts exports no SubgraphModule named ${e.name}`);
  if (found.defaultPort !== e.port) throw new Error(`${e.name}: the registry says port ${e.port}, its module ${found.defaultPort}`);
  return found;
}
