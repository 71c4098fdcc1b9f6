import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Identity } from '../auth/identity';
import { disclosureAudience } from '../disclosure/audience';

/**
 * The cache scope of a subgraph's answer, beside the SDL's `@cacheControl` hints.
 * Apollo Server's cache control plugin turns the hints into the answer's
 * `Cache-Control` header (`max-age=30, public`; `no-store` when a field has no hint),
 * which the gateway's subgraph source folds into the client answer's policy
 * (RemoteGraphQLDataSource's honorSubgraphCacheControlHeader). Hints say PUBLIC on
 * statistics because the public's figures are the same for everyone of the public;
 * a caller who sees exact figures somewhere (disclosureAudience) gets figures only
 * its audience may see, so every answer to it is PRIVATE: the gateway then keeps it
 * for that caller alone and tells browsers and proxies `private`.
 */
export function cacheScopePlugin<Context extends BaseContext>(identityOf: (context: Context) => Identity | undefined): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue, overallCachePolicy }) {
      const identity = identityOf(contextValue);
      if (identity && disclosureAudience(identity) === 'public') return {};
      // After execution: restricting the policy before it would stop the cache
      // control plugin from reading the hints at all.
      return { executionDidStart: async () => ({ executionDidEnd: async () => overallCachePolicy.restrict({ scope: 'PRIVATE' }) }) };
    },
  };
}
