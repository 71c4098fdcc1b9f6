import { readOperations } from '@civic/gateway/src/web/operations';

/** One operation the bench drives: a file of schema/operations/ with its variables. */
export interface BenchOperation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** what the table calls it: the name and the variables' values */
  label: string;
}

const operation = (name: string, query: string, variables: Record<string, unknown>): BenchOperation => ({
  name,
  query,
  variables,
  label: `${name} ${Object.values(variables).join(' ')}`.slice(0, 36),
});

/**
 * Every operation in schema/operations/ with the variables of its header, and the
 * district dashboard for a second district (洛江区, a smaller one), as the issue's
 * table measures it.
 */
export function benchOperations(): BenchOperation[] {
  return readOperations().flatMap((op) => {
    const first = operation(op.name, op.query, JSON.parse(op.variables));
    return op.name === 'DistrictDashboard' ? [first, operation(op.name, op.query, { code: '350504' })] : [first];
  });
}

/** The POST body of one operation, the same bytes for every gateway. */
export const requestBody = (op: BenchOperation) => JSON.stringify({ query: op.query, variables: op.variables });
