import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { derivedRolePassword, freePort, provisionDatabase, startEmbeddedPostgres } from '@civic/shared';
import { startGraph } from '../graph/launch';
import { SUBGRAPHS } from '../graph/subgraphs';

/**
 * npm run bench:exports [-- --stations 30000 --delay 2]
 * How much memory a province-wide export takes: a graph on its own throw-away
 * embedded PostgreSQL gets `--stations` stations spread over Fujian's communities,
 * then /export/stations.csv and .xlsx are downloaded by a slow client (a pause of
 * `--delay` ms after each chunk it reads) while the process's heap and RSS are
 * sampled (the heap after a full collection, every second: run with --expose-gc, as
 * the npm script does). A streamed export's peak stays near a page's worth above the baseline
 * however long the list; one that held the list would grow with it. Figures from
 * one run compare with each other only.
 */
async function main() {
  const { values } = parseArgs({ options: { stations: { type: 'string', default: '30000' }, delay: { type: 'string', default: '2' } } });
  const stations = Number(values.stations);
  const delay = Number(values.delay);
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-bench-exports-'));
  chmodSync(dir, 0o755); // as root the server runs as a `postgres` user
  const database = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'civic', persistent: false });
  const internalSecret = 'bench-internal-secret-bench-internal-secret';
  const rolePassword = (role: string) => derivedRolePassword(internalSecret, role);
  await provisionDatabase(database.url, SUBGRAPHS, rolePassword);
  const graph = await startGraph({
    databaseUrl: database.url,
    rolePassword,
    ports: 'free',
    tokens: { secret: 'bench-jwt-secret-bench-jwt-secret-bench' },
    internalSecret,
    // A page on a loaded machine may take a while; this measures memory, not speed.
    subgraphTimeoutMs: 60_000,
    poolSize: 10,
    seed: false,
  });
  const db = (name: string) => graph.subgraphs.find((s) => s.module.name === name)!.dataSource;
  try {
    const communities: string[] = (await db('directory').query(`SELECT code FROM directory.region WHERE level = 'COMMUNITY' ORDER BY code`)).map(
      (r: { code: string }) => r.code,
    );
    await db('neighbour-stations').query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address, helps, amenities)
       SELECT '测试驿站' || n, 'MUTUAL_AID', ($1::text[])[1 + n % array_length($1::text[], 1)], 26.0 + (n % 1000) / 1000.0, 119.3,
              '福建省测试地址' || n || '号', ARRAY['ELDERLY','MEDICAL'], ARRAY['FREE_TEA']
       FROM generate_series(1, $2) AS n`,
      [communities, stations],
    );
    console.log(`${stations} stations over ${communities.length} communities`);
    for (const format of ['csv', 'xlsx']) {
      global.gc?.();
      await sleep(200);
      const baseline = process.memoryUsage();
      let peak = { heapUsed: baseline.heapUsed, rss: baseline.rss };
      // After a full collection: what the export keeps alive, not the garbage it leaves behind.
      const sampler = setInterval(() => {
        global.gc?.();
        const now = process.memoryUsage();
        peak = { heapUsed: Math.max(peak.heapUsed, now.heapUsed), rss: Math.max(peak.rss, now.rss) };
      }, 1000);
      const started = Date.now();
      const response = await fetch(new URL(`/export/stations.${format}`, graph.gateway.url));
      if (response.status !== 200) throw new Error(`stations.${format}: HTTP ${response.status} ${await response.text()}`);
      const reader = response.body!.getReader();
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (delay) await sleep(delay);
      }
      clearInterval(sampler);
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      console.log(
        `stations.${format}: HTTP ${response.status}, ${mb(bytes)} in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `live heap ${mb(baseline.heapUsed)} before, peak ${mb(peak.heapUsed)} (+${mb(peak.heapUsed - baseline.heapUsed)}); ` +
          `rss ${mb(baseline.rss)} before, peak ${mb(peak.rss)} (+${mb(peak.rss - baseline.rss)})`,
      );
    }
  } finally {
    await graph.stop();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
