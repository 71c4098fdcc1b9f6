import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeOperation, type OperationManifest, operationId } from '@civic/shared';

/** The gateway's own questions to the graph (its pages' and exports'), registered in the safelist by `npm run compose`. */
export const GATEWAY_OPERATIONS_DIR = path.join(__dirname, '..', 'operations');

/** One registered operation file of gateway/operations/: its name (the file's) and its text. */
export interface GatewayOperation {
  name: string;
  query: string;
}

export const gatewayOperation = (name: string): GatewayOperation => ({
  name,
  query: readFileSync(path.join(GATEWAY_OPERATIONS_DIR, `${name}.graphql`), 'utf8'),
});

/**
 * Whether an operation the gateway asks in-process (not over HTTP, so the
 * safelist's middleware never sees it) is registered: with CIVIC_OPERATIONS=safelist
 * it must be, as any client's is; without a safelist every operation is.
 */
export function isRegistered(manifest: OperationManifest | undefined): (operation: GatewayOperation) => boolean {
  if (!manifest) return () => true;
  const ids = new Set(manifest.operations.filter((o) => !o.serviceOnly).map((o) => o.id));
  return (operation) => ids.has(operationId(normalizeOperation(operation.query)));
}
