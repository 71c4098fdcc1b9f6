import { readFileSync } from 'node:fs';
import { SAFELIST_FILE, SUPERGRAPH_FILE } from '../src/config';
import { exportCatalogue } from '../src/exports/catalogue';
import { chinaTime, termsOf } from '../src/exports/columns';
import { vocabulary } from '../src/openData/vocabulary';
import { isRegistered } from '../src/operations';
import { readSafelist } from '../src/plugins/safelist';

const terms = termsOf(vocabulary(readFileSync(SUPERGRAPH_FILE, 'utf8')));
const catalogue = exportCatalogue(terms);

describe('the exports', () => {
  it('when the gateway runs with the safelist, then every export asks a registered operation (npm run compose registered gateway/operations/)', () => {
    const registered = isRegistered(readSafelist(SAFELIST_FILE));
    expect(catalogue.filter((d) => !registered(d.operation)).map((d) => d.operation.name)).toEqual([]);
  });

  it('when an operation is not in the safelist, or only as a subgraph`s own question, then it is not registered for an export', () => {
    const manifest = readSafelist(SAFELIST_FILE);
    const [streets] = catalogue;
    const without = { ...manifest, operations: manifest.operations.filter((o) => o.name !== streets.operation.name) };
    expect(isRegistered(without)(streets.operation)).toBe(false);
    const asService = {
      ...manifest,
      operations: manifest.operations.map((o) => (o.name === streets.operation.name ? { ...o, serviceOnly: true as const } : o)),
    };
    expect(isRegistered(asService)(streets.operation)).toBe(false);
    expect(isRegistered(undefined)(streets.operation)).toBe(true);
  });

  it('when values are written, then enums are in Chinese words and times on China`s clock', () => {
    expect(terms.terms('HelpKind')(['ELDERLY', 'MEDICAL'])).toBe('助老、助医');
    expect(terms.term('StationStatus')('OPEN')).toBe('开放');
    expect(terms.term('OrganizationKind')('SOCIAL_WORK_AGENCY')).toBe('社工机构');
    expect(chinaTime('2026-11-23T16:30:00.000Z')).toBe('2026-11-24 00:30');
    expect(chinaTime(null)).toBeNull();
  });

  it('when exports are named, then each name and each Chinese header is used once', () => {
    expect(new Set(catalogue.map((d) => d.name)).size).toBe(catalogue.length);
    for (const definition of catalogue) expect(new Set(definition.columns.map((c) => c.header)).size).toBe(definition.columns.length);
  });
});
