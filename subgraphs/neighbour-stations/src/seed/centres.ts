import { everydayPlaceName, SeededRandom } from '@civic/shared';
import { DISTRICT_AREAS } from './districts';

/** A community centre row: [region code, name, latitude, longitude]. */
export type CentreRow = [string, string, number, number];

const KM_PER_DEGREE = 111.32;
/** A point `km` from (lat, lon) towards `bearing` (radians, 0 = north): flat-earth, close enough within a district. */
export function offset(lat: number, lon: number, km: number, bearing: number): [number, number] {
  return [lat + (km * Math.cos(bearing)) / KM_PER_DEGREE, lon + (km * Math.sin(bearing)) / (KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180))];
}
export function kmBetween([lat1, lon1]: [number, number], [lat2, lon2]: [number, number]): number {
  const dy = (lat2 - lat1) * KM_PER_DEGREE;
  const dx = (lon2 - lon1) * KM_PER_DEGREE * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

/** The same draws for a code in every seed: a community does not move when the seed number changes. */
function drawsFor(code: string): SeededRandom {
  let hash = 0x811c9dc5;
  for (const ch of code) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return new SeededRandom(hash);
}
const round = (x: number) => Math.round(x * 1e5) / 1e5;

/** A 街道 (street code 0xx) is the urban core; 镇 and 乡 (1xx, 2xx) lie further out. */
const isUrbanStreet = (street: string) => street[6] === '0';
/** A 居委会 (community code 0xx or 1xx) is a compact neighbourhood; a 村委会 (2xx, 3xx) a village spread over its land. */
const isNeighbourhood = (community: string) => community[9] === '0' || community[9] === '1';

/**
 * A centre for every community of `regions` (12-digit codes) whose district is in
 * DISTRICT_AREAS, so "communities without a station within 15 minutes" sees
 * them all. In order of what is known:
 * 1. a surveyed centre (`surveyed`: the communities around the seeds' stations), under the directory's name;
 * 2. otherwise a point derived from its street's anchor: the mean of the street's
 *    stations when it has any, else a point of the district's circle (a 街道 within
 *    the inner third, a town between a fifth and four fifths out), at a bearing drawn
 *    from the street's code;
 * 3. spread around that anchor by the community's own code: a 居委会 within 1.5 km,
 *    a village up to 6 km (never more than a third of the district's radius);
 * and every derived point pulled inside 95% of its district's radius.
 */
export function deriveCommunityCentres(
  regions: readonly { code: string; name: string }[],
  stations: readonly { regionCode: string; latitude: number; longitude: number }[],
  surveyed: readonly CentreRow[],
): CentreRow[] {
  const known = new Map(surveyed.map((row) => [row[0], row]));
  const anchors = new Map<string, [number, number]>();
  const anchorOf = (street: string): [number, number] => {
    const cached = anchors.get(street);
    if (cached) return cached;
    const [lat, lon, radius] = DISTRICT_AREAS[street.slice(0, 6)];
    const own = stations.filter((s) => s.regionCode.startsWith(street));
    let anchor: [number, number];
    if (own.length) {
      anchor = [own.reduce((sum, s) => sum + s.latitude, 0) / own.length, own.reduce((sum, s) => sum + s.longitude, 0) / own.length];
    } else {
      const draws = drawsFor(street);
      const [from, to] = isUrbanStreet(street) ? [0, 0.33] : [0.2, 0.8];
      anchor = offset(lat, lon, radius * (from + (to - from) * draws.next()), 2 * Math.PI * draws.next());
    }
    anchors.set(street, anchor);
    return anchor;
  };
  const centres: CentreRow[] = [];
  for (const { code, name } of regions) {
    if (code.length !== 12 || !DISTRICT_AREAS[code.slice(0, 6)]) continue;
    const surveyedRow = known.get(code);
    if (surveyedRow) {
      centres.push([code, everydayPlaceName(name), surveyedRow[2], surveyedRow[3]]);
      continue;
    }
    const [lat, lon, radius] = DISTRICT_AREAS[code.slice(0, 6)];
    const draws = drawsFor(code);
    const spread = isNeighbourhood(code) ? 0.2 + 1.3 * draws.next() : Math.min(6, radius / 3) * (0.15 + 0.85 * draws.next());
    let point = offset(...anchorOf(code.slice(0, 9)), spread, 2 * Math.PI * draws.next());
    const out = kmBetween([lat, lon], point);
    if (out > 0.95 * radius) {
      const pull = (0.95 * radius) / out;
      point = [lat + (point[0] - lat) * pull, lon + (point[1] - lon) * pull];
    }
    centres.push([code, everydayPlaceName(name), round(point[0]), round(point[1])]);
  }
  return centres;
}
