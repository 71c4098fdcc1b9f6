import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadGatewayConfig, SAFELIST_FILE } from '../src/config';
import { readSafelist } from '../src/plugins/safelist';

describe('CIVIC_OPERATIONS and the safelist file', () => {
  it('when unset or empty, then every operation is served; `safelist` is taken; anything else refuses the start naming it', () => {
    expect(loadGatewayConfig({}).CIVIC_OPERATIONS).toBe('all');
    expect(loadGatewayConfig({ CIVIC_OPERATIONS: '' }).CIVIC_OPERATIONS).toBe('all');
    expect(loadGatewayConfig({ CIVIC_OPERATIONS: 'safelist' })).toMatchObject({ CIVIC_OPERATIONS: 'safelist', CIVIC_SAFELIST_PATH: SAFELIST_FILE });
    expect(() => loadGatewayConfig({ CIVIC_OPERATIONS: 'registered' })).toThrow(/CIVIC_OPERATIONS/);
  });

  it('when the safelist file is read, then the checked-in one is taken and one not in the manifest form is refused', () => {
    expect(readSafelist(SAFELIST_FILE).operations.length).toBeGreaterThan(0);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'civic-safelist-')), 'safelist.json');
    writeFileSync(
      file,
      JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'abc', name: 'X', type: 'query', body: '{ x }' }] }),
    );
    expect(() => readSafelist(file)).toThrow(/id/);
  });
});
