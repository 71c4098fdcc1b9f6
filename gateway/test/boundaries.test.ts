import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The dashboard map's boundary extract (gateway/web/fujian-boundaries.json, made by
 * scripts/boundaries.ts) against the graph's own region table: every city and
 * district under today's code and name, none the table does not have, and trimmed.
 */
const ROOT = path.join(__dirname, '..', '..');
const file = path.join(ROOT, 'gateway', 'web', 'fujian-boundaries.json');
type Collection = { features: { properties: { code: string; name: string }; geometry: { type: string; coordinates: unknown } }[] };
const boundaries = JSON.parse(readFileSync(file, 'utf8')) as { province: Collection; cities: Record<string, Collection> };
const regions = readFileSync(path.join(ROOT, 'subgraphs', 'directory', 'data', 'fujian-regions.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'));
const named = (length: number, parent?: string) =>
  regions.filter(([code, , p]) => code.length === length && (parent === undefined || p === parent)).map(([code, name]) => ({ code, name }));
const areas = (collection: Collection) => collection.features.map((f) => f.properties).sort((a, b) => a.code.localeCompare(b.code));

describe('the dashboard map boundaries', () => {
  it('when the province is drawn, then it has the nine cities of the region table', () => {
    expect(areas(boundaries.province)).toEqual(named(4));
  });

  it("when a city is drawn, then its districts are the region table's, by today's codes and names", () => {
    expect(Object.keys(boundaries.cities).sort()).toEqual(named(4).map((c) => c.code));
    for (const city of Object.keys(boundaries.cities)) expect(areas(boundaries.cities[city])).toEqual(named(6, city));
    const fuzhou = areas(boundaries.cities['3501']);
    expect(fuzhou).toContainEqual({ code: '350112', name: '长乐区' }); // the package's 长乐市 (350182)
    expect(areas(boundaries.cities['3504']).map((d) => d.name)).not.toContain('梅列区'); // merged into 三元区 350404
  });

  it('when the file is served, then it is trimmed: small, coordinates of at most 3 decimals, each area a polygon', () => {
    const text = readFileSync(file, 'utf8');
    expect(text.length).toBeLessThan(400_000);
    expect(text).not.toMatch(/\d\.\d{4,}/);
    for (const collection of [boundaries.province, ...Object.values(boundaries.cities)]) {
      for (const feature of collection.features) expect(['Polygon', 'MultiPolygon']).toContain(feature.geometry.type);
    }
  });
});
