import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isGraphNotReady, queryGraph } from './graphQuery';
import type { GraphServices } from './subgraphModule';

const OPERATION = { name: 'Ping', document: 'query Ping { ping }' };

describe('queryGraph while the graph starts', () => {
  it('when the gateway is not listening yet, then SERVICE_UNAVAILABLE naming what was asked; once it listens, the same services reach it', async () => {
    let url = '';
    const services: GraphServices = {
      get gatewayUrl() {
        return url;
      },
      credentials: { name: 'test', secret: 'x'.repeat(32) },
    };
    await expect(queryGraph(services, 'the ping', OPERATION, {})).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
      message: expect.stringContaining('the ping'),
    });
    const gateway = createServer((_req, res) => res.setHeader('content-type', 'application/json').end('{"data":{"ping":"pong"}}'));
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/`;
      await expect(queryGraph(services, 'the ping', OPERATION, {})).resolves.toEqual({ ping: 'pong' });
    } finally {
      gateway.close();
    }
  });

  it('when the gateway answers 503 (seeding) or is not listening, then the error says the graph is not ready; a 500 or a GraphQL error does not', async () => {
    let status = 503;
    const gateway = createServer((_req, res) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json').end(status === 200 ? '{"errors":[{"message":"refused"}]}' : '{}');
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const at = (gatewayUrl: string): GraphServices => ({ gatewayUrl, credentials: { name: 'test', secret: 'x'.repeat(32) } });
    const failure = (services: GraphServices) =>
      queryGraph(services, 'the ping', OPERATION, {}).then(
        () => null,
        (error: unknown) => error,
      );
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/`;
      expect(isGraphNotReady(await failure(at('')))).toBe(true);
      expect(isGraphNotReady(await failure(at(url)))).toBe(true);
      status = 500;
      expect(isGraphNotReady(await failure(at(url)))).toBe(false);
      status = 200;
      expect(await failure(at(url))).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
      expect(isGraphNotReady(await failure(at(url)))).toBe(false);
    } finally {
      gateway.close();
    }
  });
});
