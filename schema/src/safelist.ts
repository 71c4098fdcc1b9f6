import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type DocumentNode, Kind, parse, validate } from 'graphql';
import { normalizeOperation, type OperationManifest, operationId, type SafelistedOperation } from '@civic/shared';
import { isLocal, readRegistry, REGISTRY_FILE, REPO_ROOT } from '../../graph/registry';
import { SCHEMA_DIR } from './composition';

export const SAFELIST_FILE = path.join(SCHEMA_DIR, 'safelist.json');

/** A folder of registered operation files, and whose they are. */
export interface OperationFolder {
  dir: string;
  clientName: string;
  serviceOnly?: true;
  caller?: string;
}

/**
 * Where registered operations live: the dashboards' (schema/operations/); each local
 * subgraph's `operations/` (its partners' dashboards) and `service-operations/` (what
 * it asks the graph as itself, queryGraph); a remote partner's `operations` folder
 * from the registry; and the questions @civic/shared asks for several subgraphs.
 */
export function operationFolders(registryFile = REGISTRY_FILE, root = REPO_ROOT): OperationFolder[] {
  const folders: OperationFolder[] = [
    { dir: path.join(SCHEMA_DIR, 'operations'), clientName: 'dashboards' },
    { dir: path.join(root, 'packages', 'shared', 'service-operations'), clientName: 'graph services', serviceOnly: true },
    // What the gateway's own pages ask with their user's token (the check-in page's code).
    { dir: path.join(root, 'gateway', 'operations'), clientName: 'gateway pages' },
  ];
  for (const entry of readRegistry(registryFile)) {
    if (isLocal(entry)) {
      folders.push({ dir: path.join(root, entry.path, 'operations'), clientName: entry.name });
      folders.push({ dir: path.join(root, entry.path, 'service-operations'), clientName: entry.name, serviceOnly: true, caller: entry.name });
    } else if (entry.operations) {
      folders.push({ dir: path.join(root, entry.operations), clientName: entry.name });
    }
  }
  return folders;
}

/**
 * The safelist of every registered operation, each checked: one named operation per
 * file, named as its file, valid against the public API (`apiSdl`), and registered
 * once. Throws naming every file that fails, so `npm run compose` refuses it.
 */
export function buildSafelist(apiSdl: string, folders = operationFolders(), root = REPO_ROOT): OperationManifest {
  const api = buildSchema(apiSdl);
  const problems: string[] = [];
  const operations: SafelistedOperation[] = [];
  for (const folder of folders) {
    if (!existsSync(folder.dir)) continue;
    for (const file of readdirSync(folder.dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort()) {
      const source = path.relative(root, path.join(folder.dir, file)).split(path.sep).join('/');
      let document: DocumentNode;
      try {
        document = parse(readFileSync(path.join(folder.dir, file), 'utf8'));
      } catch (error) {
        problems.push(`${source}: ${(error as Error).message}`);
        continue;
      }
      const definitions = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      const name = file.replace(/\.graphql$/, '');
      if (definitions.length !== 1 || definitions[0].kind !== Kind.OPERATION_DEFINITION || definitions[0].name?.value !== name) {
        problems.push(`${source}: must hold one operation, named ${name} as its file`);
        continue;
      }
      const invalid = validate(api, document);
      if (invalid.length) {
        problems.push(`${source}: ${invalid.map((e) => e.message).join('; ')}`);
        continue;
      }
      const body = normalizeOperation(document);
      operations.push({
        id: operationId(body),
        name,
        type: definitions[0].operation,
        body,
        clientName: folder.clientName,
        source,
        ...(folder.serviceOnly ? { serviceOnly: true as const } : {}),
        ...(folder.caller ? { caller: folder.caller } : {}),
      });
    }
  }
  for (const key of ['name', 'id'] as const) {
    const seen = new Map<string, string>();
    for (const operation of operations) {
      const earlier = seen.get(operation[key]);
      if (earlier) problems.push(`${operation.source}: registered already as ${earlier} (the same ${key === 'id' ? 'document' : 'name'})`);
      seen.set(operation[key], operation.source);
    }
  }
  if (problems.length) throw new Error(`the operation safelist cannot be built:\n  ${problems.join('\n  ')}`);
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** The safelist as schema/safelist.json holds it. */
export const printSafelist = (manifest: OperationManifest): string => `${JSON.stringify(manifest, null, 2)}\n`;
