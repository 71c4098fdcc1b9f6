import type { ApolloServer } from '@apollo/server';
import type { Response } from 'express';
import { ANONYMOUS, errorCode, type Identity } from '@civic/shared';
import { clientRequestOfResponse } from '../clientRequests';
import type { GatewayContext } from '../subgraphSource';

/** A GraphQL error as the graph answered it: its code and message, nothing internal. */
export interface GraphError {
  message: string;
  code: string;
  argument?: string;
}

/** What a REST answer learnt from the graph: the data, or the errors that stopped it. */
export class GraphRefused extends Error {
  constructor(readonly errors: GraphError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
  get code(): string {
    return this.errors[0]?.code ?? 'INTERNAL_SERVER_ERROR';
  }
}

export type AskGraph = <Data = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<Data>;

/**
 * The open-data endpoints (HSDS, Open311) ask the graph as a client does: each
 * operation runs through this gateway's own Apollo server, planned over the
 * supergraph and sent signed to the subgraphs, with the caller's identity
 * (anonymous unless a token was given). So masking, public-only rules and the
 * write path apply once, in the subgraphs, and the REST layer reads no database.
 * Any error in the answer refuses the whole request (GraphRefused).
 */
export function graphAsker(apollo: ApolloServer<GatewayContext>) {
  return (res: Response, identity: Identity = ANONYMOUS): AskGraph =>
    async (query, variables = {}) => {
      const response = await apollo.executeOperation({ query, variables }, { contextValue: { identity, request: clientRequestOfResponse(res) } });
      if (response.body.kind !== 'single') throw new GraphRefused([{ message: 'unexpected incremental answer', code: 'INTERNAL_SERVER_ERROR' }]);
      const { data, errors } = response.body.singleResult;
      if (errors?.length) {
        throw new GraphRefused(
          errors.map((e) => ({
            message: e.message,
            code: errorCode(e),
            ...(typeof e.extensions?.argument === 'string' ? { argument: e.extensions.argument } : {}),
          })),
        );
      }
      return data as any;
    };
}
