import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { requestScope } from '../request/requestId';
import { errorCode } from '../errors';
import type { requestMetrics } from './registry';

/** How a GraphQL answer ended: every field answered, some, or none. */
export type Outcome = 'ok' | 'partial' | 'error';

export function outcomeOf(result: { data?: unknown; errors?: readonly GraphQLFormattedError[] }): { outcome: Outcome; codes: string[] } {
  const errors = result.errors ?? [];
  const codes = [...new Set(errors.map(errorCode))];
  return { outcome: errors.length === 0 ? 'ok' : result.data != null ? 'partial' : 'error', codes };
}

/**
 * A subgraph's requests in its metrics, named by the client's operation (signed by
 * the gateway) rather than the gateway's rewritten name, when there is one.
 */
export function requestMetricsPlugin(metrics: ReturnType<typeof requestMetrics>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName }) {
          if (response.body.kind !== 'single') return;
          const { outcome } = outcomeOf(response.body.singleResult);
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.observe(requestScope.getStore()?.operation ?? operationName ?? null, outcome, seconds);
        },
      };
    },
  };
}
