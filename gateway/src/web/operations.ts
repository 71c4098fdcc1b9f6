import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const OPERATIONS_DIR = path.join(__dirname, '..', '..', '..', 'schema', 'operations');
/** The gateway's own pages' questions (the dashboard's station points, the check-in codes). */
export const PAGE_OPERATIONS_DIR = path.join(__dirname, '..', '..', 'operations');

export interface ExampleOperation {
  name: string;
  query: string;
  /** from the file's `# variables: {…}` line, so each example runs as it is */
  variables: string;
}

/** The example operations of schema/operations/, for the playground's tabs and the dashboard. */
export function readOperations(dir = OPERATIONS_DIR): ExampleOperation[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const query = readFileSync(path.join(dir, file), 'utf8');
      const variables = /^#\s*variables:\s*(\{.*\})\s*$/m.exec(query)?.[1] ?? '{}';
      return { name: file.replace(/\.graphql$/, ''), query, variables: JSON.stringify(JSON.parse(variables), null, 2) };
    });
}
