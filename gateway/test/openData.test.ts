import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '../src/config';
import { vocabulary } from '../src/openData/vocabulary';
import { hsdsId } from '../src/hsds/ids';
import { circle } from '../src/hsds/mapping';
import { hsdsPage, pageRequest } from '../src/hsds/paging';
import { civicTaxonomy } from '../src/hsds/taxonomy';
import { open311Services } from '../src/open311/services';

const words = vocabulary(readFileSync(SUPERGRAPH_FILE, 'utf8'));

describe('open data from the supergraph', () => {
  it('when the vocabulary is read, then each enum value has the Chinese name and English words of its description', () => {
    expect(words('HelpKind').find((t) => t.value === 'ELDERLY')).toEqual({ value: 'ELDERLY', name: '助老', description: 'help for elders' });
    expect(
      words('ServiceCategory')
        .map((t) => t.value)
        .sort(),
    ).toEqual(['CLINIC', 'COMPANIONSHIP', 'MEAL', 'VISIT']);
    expect(() => words('NoSuchEnum')).toThrow('NoSuchEnum');
  });

  it('when HSDS ids are made, then the same name gives the same UUID v5 and another name another', () => {
    expect(hsdsId('location', 'a')).toBe(hsdsId('location', 'a'));
    expect(hsdsId('location', 'a')).not.toBe(hsdsId('location', 'b'));
    expect(hsdsId('location', 'a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('when the taxonomy is built, then three groups hold the five helps, four categories and seven amenities', () => {
    const { terms } = civicTaxonomy(words, 'http://x');
    const top = terms.filter((t) => !t.parent_id);
    expect(top.map((t) => t.code)).toEqual(['HELP', 'CARE', 'AMENITY']);
    expect(top.map((group) => terms.filter((t) => t.parent_id === group.id).length)).toEqual([5, 4, 7]);
    expect(new Set(terms.map((t) => t.id)).size).toBe(terms.length);
  });

  it('when a service circle is drawn, then it is a closed ring whose points lie the radius from the centre', () => {
    const polygon = circle(24.95, 118.68, 1000);
    const ring = polygon.coordinates[0];
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    const [lng, lat] = ring[8]; // a quarter turn: due north
    expect(lng).toBeCloseTo(118.68, 5);
    expect((lat - 24.95) * 111_320).toBeCloseTo(1000, -1);
  });

  it('when a page is asked, then page and per_page are whole numbers in range and the page shape follows the total', () => {
    expect(pageRequest({})).toEqual({ page: 1, perPage: 50 });
    expect(pageRequest({ page: '2', per_page: '100' })).toEqual({ page: 2, perPage: 100 });
    expect(pageRequest({ per_page: '101' })).toEqual({ invalid: 'per_page' });
    expect(pageRequest({ page: '0' })).toEqual({ invalid: 'page' });
    expect(pageRequest({ page: '1.5' })).toEqual({ invalid: 'page' });
    expect(pageRequest({ page: ['1', '2'] })).toEqual({ invalid: 'page' });
    expect(hsdsPage([], 0, 1, 10)).toMatchObject({ total_pages: 0, first_page: true, last_page: true, empty: true });
    expect(hsdsPage([1], 21, 3, 10)).toMatchObject({ total_items: 21, total_pages: 3, page_number: 3, size: 10, last_page: true, empty: false });
  });

  it('when the Open311 catalogue is built, then each code names its write and only CARE codes ask for attributes', () => {
    const catalogue = open311Services(words);
    expect(catalogue.byCode('CARE_MEAL')?.target).toEqual({ kind: 'care', category: 'MEAL' });
    expect(catalogue.byCode('HELP_MEDICAL')?.target).toEqual({ kind: 'station', help: 'MEDICAL' });
    expect(catalogue.byCode('MEAL')).toBeNull();
    expect(catalogue.definition('CARE_MEAL')?.attributes.map((a) => a.code)).toEqual(['elder_id', 'mode']);
    expect(catalogue.definition('HELP_MEDICAL')?.attributes).toEqual([]);
    expect(catalogue.list().every((s) => !('target' in s))).toBe(true);
  });
});
