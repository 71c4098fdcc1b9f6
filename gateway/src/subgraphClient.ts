import { Agent, request } from 'undici';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';

/**
 * How long the gateway keeps an idle connection to a subgraph open, at most (a
 * subgraph's `Keep-Alive: timeout` hint is honoured below it). A subgraph's server
 * keeps idle sockets longer (SUBGRAPH_KEEP_ALIVE_MS in @civic/shared), so a socket
 * the gateway reuses is never being closed by the server at that moment.
 */
export const GATEWAY_KEEP_ALIVE_MAX_MS = 60_000;

/** Connections to each subgraph, the default of SUBGRAPH_CONNECTIONS: about the requests in flight one subgraph serves at once. */
export const DEFAULT_SUBGRAPH_CONNECTIONS = 16;

/**
 * The gateway's connections to its subgraphs: one pool per subgraph (origin) of at
 * most `connections` kept-alive sockets, requests beyond that waiting for a free
 * one rather than opening more (a subgraph serves from a database pool of about
 * that size anyway). Closed when the gateway stops.
 */
export function subgraphAgent(connections: number): Agent {
  return new Agent({ connections, keepAliveTimeout: 30_000, keepAliveMaxTimeout: GATEWAY_KEEP_ALIVE_MAX_MS, pipelining: 1 });
}

/**
 * A Fetcher for RemoteGraphQLDataSource over undici's `request` on `agent`, rather
 * than `fetch`: the WHATWG Request, Headers and body streams that fetch builds
 * around every call were the largest part of the gateway's time under load
 * (issue 15.3). It answers with the little of a Response the data source reads:
 * status, headers.get, json and text.
 */
export function agentFetcher(agent: Agent): Fetcher {
  return (async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => {
    const answer = await request(url, {
      dispatcher: agent,
      method: (init.method ?? 'POST') as 'POST',
      headers: init.headers,
      body: init.body,
      signal: init.signal,
    });
    const text = await answer.body.text();
    const header = (name: string) => {
      const value = answer.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    };
    const response = {
      ok: answer.statusCode >= 200 && answer.statusCode < 300,
      status: answer.statusCode,
      statusText: '',
      url,
      headers: { get: header },
      text: async () => text,
      json: async () => JSON.parse(text),
    };
    return response as unknown as FetcherResponse;
  }) as unknown as Fetcher;
}
