import { startEmbeddedPostgres } from '@civic/shared';
import { Client } from 'pg';
(async () => {
  const pg = await startEmbeddedPostgres({ dataDir: '/tmp/vvpg/data2', port: 55440, database: 'probe', persistent: false });
  const c = new Client({ connectionString: pg.url }); await c.connect();
  const q = async (s: string, p: unknown[] = []) => { try { const r = await c.query(s, p); console.log(s.slice(0,60).replace(/\s+/g,' '), '=>', JSON.stringify(r.rows)); } catch (e) { console.log(s.slice(0,60), 'ERR', (e as Error).message); } };
  await q(`select regexp_split_to_array(lower('老兵故事，讲述 抗疫！Patrol 2020年'), '[^[:alnum:]]+')`);
  await q(`select '老' ~ '^[[:alnum:]]$' a, '，' ~ '^[[:alnum:]]$' b, 'É' ~ '^[[:alpha:]]$' c`);
  await q(`select to_tsvector('simple', '老兵 兵故 故事') v, phraseto_tsquery('simple', '老兵 兵故') p, to_tsquery('simple', '老:*') pre`);
  await c.end(); await pg.stop();
})();
