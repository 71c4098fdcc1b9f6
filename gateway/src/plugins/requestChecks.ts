import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { argumentValueError } from '../validation/argumentValues';

/**
 * Checks of a request after it is parsed and validated and before the gateway
 * plans it: each refusal is an HTTP 400 with a code, where the gateway would
 * otherwise fail inside its executor (HTTP 500) or pass a bad value on to a
 * subgraph.
 */
export function requestChecksPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          // Several operations and no operationName, or a name the document does not hold.
          if (!operation) {
            throw new GraphQLError(
              request.operationName
                ? `the document has no operation named "${request.operationName}"`
                : 'the document holds several operations: name the one to run in operationName',
              { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
            );
          }
          const error = argumentValueError(schema, document, operation, request.variables ?? {});
          if (error) {
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
          }
        },
      };
    },
  };
}
