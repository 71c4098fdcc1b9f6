import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { ANONYMOUS, type Clock, disclosureAudience, type Identity, isGraphService, systemClock } from '@civic/shared';
import type { GatewayContext } from '../subgraphSource';

export interface ResponseCacheOptions {
  /** what the cache reads as now, to expire entries (a test's clock); the system's time when unset */
  clock?: Clock;
  /** where entries live; this process's memory when unset (an LRU of 30 MB; a KeyvAdapter over Redis would share it between gateways) */
  cache?: KeyValueCache;
  /** told of every query answered: from the cache or not */
  onQuery?: (hit: boolean) => void;
}

/**
 * Whole answers to queries, kept as long as the subgraphs' `@cacheControl` hints
 * allow (the least maxAge of every subgraph call; no hint, no caching) and shared
 * only where they are the same answer:
 * - every entry is keyed by the caller's disclosure audience (`extraCacheKeyData`):
 *   the public, the exact figures of one region, or of all;
 * - a PRIVATE answer (every answer to a caller who sees exact figures: the
 *   subgraphs mark it so, graphql/cacheScope.ts) is kept for that caller alone
 *   (`sessionId`: the identity the subgraphs were told) and never for the public;
 * - mutations are never kept or served from it (the plugin reads and writes queries only),
 *   nor anything the graph's own subgraphs ask (service calls answer what no client sees),
 *   nor an answer with errors.
 * Then `Cache-Control` on the HTTP answer (Apollo's cache control plugin, from the
 * same policy) and httpCacheHeaders' corrections.
 */
export function responseCachePlugins(options: ResponseCacheOptions | false = {}): ApolloServerPlugin<GatewayContext>[] {
  // Off, answers still say who may keep them.
  if (options === false) return [ApolloServerPluginCacheControl({ calculateHttpHeaders: true }), httpCacheHeaders(undefined)];
  const cache = new ClockedCache(options.clock ?? systemClock, options.cache ?? new InMemoryLRUCache<string>());
  const writes = new WriteCounts();
  const mayUseCache = async (request: GraphQLRequestContext<GatewayContext>) => !request.contextValue.serviceCall && !isGraphService(identityOf(request));
  return [
    responseCachePlugin<GatewayContext>({
      cache,
      sessionId: async (request) => {
        const identity = identityOf(request);
        return disclosureAudience(identity) === 'public' ? null : identityKey(identity);
      },
      // A caller who sees exact figures also by the writes it made through this gateway:
      // its own change shows at once in its own (PRIVATE) answers.
      extraCacheKeyData: async (request) => {
        const identity = identityOf(request);
        const audience = disclosureAudience(identity);
        return audience === 'public' ? audience : [audience, writes.of(identityKey(identity))];
      },
      shouldReadFromCache: mayUseCache,
      shouldWriteToCache: mayUseCache,
    }),
    {
      async requestDidStart() {
        return {
          async willSendResponse(request) {
            if (request.operation?.operation === 'mutation' && disclosureAudience(identityOf(request)) !== 'public')
              writes.add(identityKey(identityOf(request)));
          },
        };
      },
    },
    ApolloServerPluginCacheControl({ calculateHttpHeaders: true }),
    httpCacheHeaders(options.onQuery),
  ];
}

/**
 * Each caller's latest mutation through this gateway, as a number that only grows,
 * for the latest 10,000 writers: an entry keyed by a caller's number was made after
 * that caller's last write. A caller no longer held reads the highest number let go,
 * which is at least its own last one, so an eviction never brings an older entry back.
 */
export class WriteCounts {
  private readonly latest = new Map<string, number>();
  private sequence = 0;
  private released = 0;
  constructor(private readonly limit = 10_000) {}

  of(caller: string): number {
    return this.latest.get(caller) ?? this.released;
  }

  add(caller: string): void {
    this.latest.delete(caller);
    this.latest.set(caller, ++this.sequence);
    if (this.latest.size <= this.limit) return;
    const [oldest, number] = this.latest.entries().next().value!;
    this.latest.delete(oldest);
    this.released = Math.max(this.released, number);
  }
}

/**
 * After Apollo's cache control plugin has written `Cache-Control`: an answer to a
 * caller with a token never says `public` (a proxy would hand it to others; the
 * figures may be theirs alone), a mutation's says `no-store`, and every answer
 * varies by `Authorization`, so that a shared cache never answers an official with
 * the public's figures it stored for a request without a token.
 */
function httpCacheHeaders(onQuery: ResponseCacheOptions['onQuery']): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(request) {
          const { headers } = request.response.http;
          headers.set('vary', [headers.get('vary'), 'Authorization'].filter(Boolean).join(', '));
          if (request.operation?.operation !== 'query') {
            headers.set('cache-control', 'no-store');
            return;
          }
          onQuery?.(request.metrics.responseCacheHit === true);
          const control = headers.get('cache-control');
          if (control?.endsWith(', public') && !isAnonymous(identityOf(request))) headers.set('cache-control', control.replace(/public$/, 'private'));
        },
      };
    },
  };
}

const identityOf = (request: GraphQLRequestContext<GatewayContext>): Identity => request.contextValue.identity ?? ANONYMOUS;

const isAnonymous = (identity: Identity) => identity.sub === null && identity.roles.length === 0 && !isGraphService(identity);

/** The identity the subgraphs are told, as one string: whatever differs in it may change an answer. */
const identityKey = (identity: Identity): string =>
  JSON.stringify([identity.sub, [...identity.roles].sort(), identity.region, identity.partner ?? null, identity.service ?? null]);

/**
 * Entries expire by the given clock, so that a test can step past a maxAge; the
 * underlying cache's own time-to-live still frees them on the system's time.
 */
export class ClockedCache implements KeyValueCache<string> {
  constructor(
    private readonly clock: Clock,
    private readonly inner: KeyValueCache<string>,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const stored = await this.inner.get(key);
    if (stored === undefined) return undefined;
    const at = stored.indexOf(':');
    if (Number(stored.slice(0, at)) > this.clock().getTime()) return stored.slice(at + 1);
    await this.inner.delete(key);
    return undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl ?? 0;
    if (!(ttl > 0)) return;
    await this.inner.set(key, `${this.clock().getTime() + ttl * 1000}:${value}`, { ttl });
  }

  async delete(key: string): Promise<boolean | void> {
    return this.inner.delete(key);
  }
}
