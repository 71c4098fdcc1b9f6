import { badUserInput } from '@civic/shared';

/** 15分钟近邻服务圈: about 1 km on foot, the default search radius. */
export const DEFAULT_RADIUS_M = 1000;
export const MAX_RADIUS_M = 50_000;

export interface NearArgs {
  latitude: number;
  longitude: number;
  withinMeters?: number | null;
}

/** Validates a point and a radius at the edge, before any SQL runs. */
export function parseNear(args: NearArgs): { latitude: number; longitude: number; radius: number } {
  const { latitude, longitude } = args;
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
    throw badUserInput('latitude must be between -90 and 90', { argument: 'latitude' });
  }
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
    throw badUserInput('longitude must be between -180 and 180', { argument: 'longitude' });
  }
  return { latitude, longitude, radius: parseRadius(args.withinMeters) };
}

export function parseRadius(withinMeters: number | null | undefined): number {
  const radius = withinMeters ?? DEFAULT_RADIUS_M;
  if (!Number.isInteger(radius) || radius <= 0 || radius > MAX_RADIUS_M) {
    throw badUserInput(`withinMeters must be more than 0 and at most ${MAX_RADIUS_M}`, { argument: 'withinMeters' });
  }
  return radius;
}

/**
 * Fujian's bounding box (23°30′–28°22′ N, 115°50′–120°44′ E, with a margin for the
 * coastal islands): a station's position must lie inside it.
 */
export const FUJIAN_BOUNDS = { south: 23.4, north: 28.4, west: 115.8, east: 120.8 } as const;

/** A station's position, inside Fujian (BAD_USER_INPUT naming the argument otherwise). */
export function parseStationLocation(latitude: number, longitude: number, prefix = ''): { latitude: number; longitude: number } {
  const b = FUJIAN_BOUNDS;
  if (!Number.isFinite(latitude) || latitude < b.south || latitude > b.north) {
    throw badUserInput(`latitude must lie in Fujian, between ${b.south} and ${b.north}`, { argument: `${prefix}latitude` });
  }
  if (!Number.isFinite(longitude) || longitude < b.west || longitude > b.east) {
    throw badUserInput(`longitude must lie in Fujian, between ${b.west} and ${b.east}`, { argument: `${prefix}longitude` });
  }
  return { latitude, longitude };
}
