import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Identity } from '../auth/identity';
import { disclosureAudience } from '../disclosure/audience';

/**
 * Where a subgraph's context carries the identity it was made for: a symbol, so
 * that it never meets a subgraph's own fields, and an own property, so that it
 * survives Apollo Server's copy of the context for each operation.
 */
const CALLER = Symbol('civic caller');

/** The context, carrying the caller's identity for cacheScopePlugin. */
export function withCaller<Context extends object>(context: Context, identity: Identity): Context {
  return Object.assign(context, { [CALLER]: identity });
}

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
export function cacheScopePlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue, overallCachePolicy }) {
      const identity = (contextValue as { [CALLER]?: Identity })[CALLER];
      if (identity && disclosureAudience(identity) === 'public') return {};
      // After execution: restricting the policy before it would stop the cache
      // control plugin from reading the hints at all.
      return { executionDidStart: async () => ({ executionDidEnd: async () => overallCachePolicy.restrict({ scope: 'PRIVATE' }) }) };
    },
  };
}
