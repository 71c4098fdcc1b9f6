import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The browser pages' scripts and styles, served from the installed npm packages
 * rather than a CDN: government networks often have no internet.
 */
const PACKAGE_FILES: Record<string, [pkg: string, file: string]> = {
  'react.js': ['react', 'umd/react.production.min.js'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.css': ['graphiql', 'graphiql.min.css'],
  'explorer.js': ['@graphiql/plugin-explorer', 'dist/index.umd.js'],
  'explorer.css': ['@graphiql/plugin-explorer', 'dist/style.css'],
  'echarts.js': ['echarts', 'dist/echarts.min.js'],
};

/** The gateway's own page scripts, in gateway/web/. */
const WEB_DIR = path.join(__dirname, '..', '..', 'web');
const OWN_FILES = [
  'playground.js',
  'dashboard-text.js',
  'dashboard-map.js',
  'dashboard.js',
  'checkin.js',
  'pages.css',
  // made by scripts/boundaries.ts (README "Dashboard")
  'fujian-boundaries.json',
];

export function assetFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, [pkg, file]] of Object.entries(PACKAGE_FILES)) {
    files.set(name, path.join(packageRoot(pkg), file));
  }
  for (const name of OWN_FILES) files.set(name, path.join(WEB_DIR, name));
  return files;
}

/**
 * The folder of an installed package, found from its entry point: some packages'
 * `exports` hide package.json itself. Resolved from the gateway, which declares them.
 */
function packageRoot(pkg: string): string {
  let dir = path.dirname(require.resolve(pkg, { paths: [__dirname] }));
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === pkg) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the installed package ${pkg}`);
}
