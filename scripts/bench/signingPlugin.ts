import { randomUUID } from 'node:crypto';
import { encodeIdentity, encodeTrace, type Identity, signEncodedRequest, subgraphSecret } from '@civic/shared';
import { createAuthenticator, type TokenSettings } from '@civic/gateway/src/auth';
import type { HivePlugin } from './hive';

export interface SigningOptions {
  /** the graph's master secret: each subgraph's own secret derives from it, as the gateway derives it */
  internalSecret: string;
  /** the tokens the project's gateway accepts, so the caller's identity is the one it would sign */
  tokens: TokenSettings;
  /** each running subgraph's URL, by name: which secret a call is signed with */
  subgraphUrls: Record<string, string>;
}

/**
 * A Hive Gateway plugin that signs every subgraph call as the project's gateway
 * does (gateway/src/subgraphSource.ts): the caller's verified identity, the exact
 * body and a fresh request id, with that subgraph's own secret, and the client
 * request's trace beside them. The subgraphs refuse anything unsigned, so a peer
 * without it could not be measured over the same running subgraphs at all. The
 * identity comes from the gateway's own authenticator and the signature from
 * @civic/shared: nothing of either is re-implemented here.
 *
 * It hooks `onFetch`, Hive's last step before the HTTP request leaves, the only
 * place where the body is final (the JS planner and the Rust planner's executor
 * both fetch through it).
 */
export function signingPlugin(options: SigningOptions): HivePlugin {
  const authenticate = createAuthenticator(options.tokens);
  const secretOf = new Map(Object.entries(options.subgraphUrls).map(([name, url]) => [normalise(url), subgraphSecret(options.internalSecret, name)]));
  // One identity and one trace per client request, however many calls it makes.
  const perRequest = new WeakMap<object, Promise<{ identity: string; trace: string }>>();
  const requestOf = (context: object, authorization: string | undefined, operation: string | null) => {
    let signed = perRequest.get(context);
    if (!signed) {
      signed = authenticate(authorization).then((identity: Identity) => ({
        identity: encodeIdentity(identity),
        trace: encodeTrace({ requestId: randomUUID(), operation }),
      }));
      perRequest.set(context, signed);
    }
    return signed;
  };
  return {
    async onFetch({ url, options: init, setOptions, context }) {
      const secret = secretOf.get(normalise(url));
      // Not a subgraph of ours (Hive fetching something of its own): left alone.
      if (!secret) return;
      if (!context.request) throw new Error(`a call to ${url} outside any client request: nothing to sign it as`);
      if (typeof init.body !== 'string') throw new Error(`a call to ${url} with a body that is not a string: its bytes could not be signed`);
      const operation = context.params?.operationName ?? null;
      const { identity, trace } = await requestOf(context, context.request.headers.get('authorization') ?? undefined, operation);
      const headers = { ...init.headers };
      setOptions({ ...init, headers: { ...headers, ...signEncodedRequest(secret, identity, init.body, Date.now(), randomUUID(), trace) } });
    },
  };
}

/** `http://localhost:4001` and `http://localhost:4001/` are the same subgraph. */
const normalise = (url: string) => new URL(url).href;
