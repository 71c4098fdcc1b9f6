import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { queryGraph } from './graphQuery';
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
});
