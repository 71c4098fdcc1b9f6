import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { SUBGRAPH_KEEP_ALIVE_MS } from '@civic/shared';
import { SignedSubgraphSource } from '../src/subgraphSource';
import { GATEWAY_KEEP_ALIVE_MAX_MS, subgraphAgent } from '../src/subgraphClient';

/**
 * Issue 15.3, cheaper hops: the gateway's calls to a subgraph go over a pool of
 * kept-alive connections of a configured size (SUBGRAPH_CONNECTIONS), counted here
 * as the TCP connections a stand-in subgraph accepts.
 */
describe("the gateway's connections to a subgraph", () => {
  let server: http.Server;
  let url: string;
  let accepted = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      req.resume();
      req.on('end', () => {
        // Answered on the next turn, so that concurrent calls overlap.
        setImmediate(() => {
          inFlight--;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ data: { __typename: 'Query' } }));
        });
      });
    });
    server.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_MS;
    server.on('connection', () => accepted++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    accepted = 0;
    mostInFlight = 0;
  });

  const call = (source: SignedSubgraphSource) =>
    source.process({ kind: GraphQLDataSourceRequestKind.HEALTH_CHECK, request: { query: '{ __typename }' }, context: {} } as never);

  it('when the gateway calls a subgraph 30 times one after another, then they reuse a connection rather than open one each', async () => {
    const agent = subgraphAgent(4);
    const source = new SignedSubgraphSource('directory', url, 's'.repeat(32), 5_000, undefined, agent);
    try {
      for (let i = 0; i < 30; i++) expect((await call(source)).data).toEqual({ __typename: 'Query' });
      // undici's pool may open a second connection for the call right after the first, before the first reports itself free.
      expect(accepted).toBeLessThanOrEqual(2);
    } finally {
      await agent.close();
    }
  });

  it('when 40 calls are in flight at once with 4 connections configured, then the subgraph accepts at most 4 and every call is answered', async () => {
    const agent = subgraphAgent(4);
    const source = new SignedSubgraphSource('directory', url, 's'.repeat(32), 5_000, undefined, agent);
    try {
      const answers = await Promise.all(Array.from({ length: 40 }, () => call(source)));
      expect(answers.map((a) => a.data)).toEqual(Array(40).fill({ __typename: 'Query' }));
      expect(accepted).toBeLessThanOrEqual(4);
      expect(mostInFlight).toBeLessThanOrEqual(4);
      // …and the next wave reuses them.
      await Promise.all(Array.from({ length: 40 }, () => call(source)));
      expect(accepted).toBeLessThanOrEqual(4);
    } finally {
      await agent.close();
    }
  });

  it("when a connection idles, then the subgraph's server keeps it open longer than the gateway may reuse it", () => {
    // A server closing a socket the client is about to reuse fails that call ("other side closed").
    expect(SUBGRAPH_KEEP_ALIVE_MS).toBeGreaterThan(GATEWAY_KEEP_ALIVE_MAX_MS);
  });
});
