import type { ApolloServerPlugin } from '@apollo/server';

/**
 * A mutation whose subgraph timed out or failed mid-flight may or may not have
 * been applied: the subgraph may have committed before the answer was lost. Its
 * SERVICE_UNAVAILABLE error therefore says `outcome: "UNKNOWN"`, and the caller
 * retries with the same idempotencyKey (README, "Retrying"); a query's outage
 * stays a plain SERVICE_UNAVAILABLE, safe to retry as it is. The gateway knows the
 * operation type, which a subgraph's error does not carry.
 */
export function mutationOutcomePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response }) {
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.length) return;
          result.errors = result.errors.map((error) =>
            error.extensions?.code === 'SERVICE_UNAVAILABLE' ? { ...error, extensions: { ...error.extensions, outcome: 'UNKNOWN' } } : error,
          );
        },
      };
    },
  };
}
