import { loadConfig, subgraphEnv } from '@civic/shared';
import { gatewayEnv } from '../src/config';

describe('CIVIC_METRICS_TOKEN in the config', () => {
  it.each([
    ['a subgraph', subgraphEnv],
    ['the gateway', gatewayEnv],
  ])('when %s is given a short token, then the start is refused naming it; a long one or none (empty: unset) is taken', (_name, schema) => {
    expect(() => loadConfig(schema, { CIVIC_METRICS_TOKEN: 'too-short' })).toThrow(/CIVIC_METRICS_TOKEN/);
    expect(loadConfig(schema, { CIVIC_METRICS_TOKEN: 'x'.repeat(32) }).CIVIC_METRICS_TOKEN).toBe('x'.repeat(32));
    expect(loadConfig(schema, { CIVIC_METRICS_TOKEN: '' }).CIVIC_METRICS_TOKEN).toBeUndefined();
  });
});
