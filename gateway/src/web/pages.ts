import express from 'express';
import { ROLES } from '@civic/shared';
import { assetFiles } from './assets';
import { PAGE_OPERATIONS_DIR, readOperations } from './operations';
import { checkInRouter } from './checkin';

const page = (title: string, body: string, scripts: string[], styles: string[]) => `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  ${styles.map((s) => `<link rel="stylesheet" href="/_assets/${s}">`).join('\n  ')}
</head>
<body>
${body}
  ${scripts.map((s) => `<script src="/_assets/${s}"></script>`).join('\n  ')}
</body>
</html>`;

const PLAYGROUND = page(
  'Civic graph playground',
  `  <header class="bar">
    <strong>Civic graph</strong>
    <label>Token <input id="token" type="password" placeholder="paste a token from npm run token" autocomplete="off"></label>
    <form id="mint" class="mint" title="development only: signs a token with the gateway's development secret">
      <label>Role <select id="mint-role">${ROLES.map((role) => `<option>${role}</option>`).join('')}</select></label>
      <label>Region <input id="mint-region" placeholder="350105" size="12" inputmode="numeric" autocomplete="off"></label>
      <label>Partner <input id="mint-partner" placeholder="elder-canteens" size="14" autocomplete="off"></label>
      <button type="submit">Sign in as</button>
      <span id="mint-status" role="status"></span>
    </form>
    <a href="/dashboard">Dashboard</a>
  </header>
  <div id="graphiql">Loading…</div>`,
  ['react.js', 'react-dom.js', 'graphiql.js', 'explorer.js', 'playground.js'],
  ['graphiql.css', 'explorer.css', 'pages.css'],
);

// Chinese first; dashboard-text.js relabels every [data-t] element for English.
const DASHBOARD = page(
  '社区治理数据看板',
  `  <header class="bar">
    <strong data-t="heading">社区治理数据看板</strong>
    <label><span data-t="city">城市</span> <select id="city"></select></label>
    <label><span data-t="district">区县</span> <select id="district"></select></label>
    <label><span data-t="measure">指标</span> <select id="measure"></select></label>
    <label><span data-t="token">令牌</span> <input id="token" type="password" data-t-placeholder="tokenHint" placeholder="可选" autocomplete="off"></label>
    <button id="lang" type="button" lang="en">English</button>
    <a href="/playground" data-t="playground">调试台</a>
  </header>
  <main id="main" aria-busy="true">
    <nav id="crumbs" aria-label="breadcrumbs"></nav>
    <h1 id="title"></h1>
    <p id="status" role="status" class="loading" data-t="loading">加载中…</p>
    <p id="asof"></p>
    <section id="totals" class="cards"></section>
    <section class="maps">
      <figure><figcaption id="city-map-title"></figcaption><div id="city-map" class="map"></div><p id="stations-note" class="note"></p></figure>
      <figure><figcaption id="province-map-title"></figcaption><div id="province-map" class="map"></div></figure>
    </section>
    <section>
      <h2 id="children-title"></h2>
      <div class="table-actions">
        <button id="export-csv" type="button" data-t="exportCsv">导出 CSV</button>
        <button id="export-xlsx" type="button" data-t="exportXlsx">导出 Excel</button>
        <span id="export-status" role="status"></span>
      </div>
      <div id="bars" class="chart"></div>
      <div class="scroll"><table id="streets"><thead></thead><tbody></tbody></table></div>
    </section>
    <section>
      <h2 data-t="trends">近12个月趋势</h2>
      <p id="trends-status" class="note"></p>
      <div id="trends" class="trends"></div>
    </section>
  </main>`,
  ['echarts.js', 'dashboard-text.js', 'dashboard-map.js', 'dashboard.js'],
  ['pages.css'],
);

/** Every page the gateway serves: scripts from our own origin only, no sniffing. */
export function pageSecurity(_req: express.Request, res: express.Response, next: express.NextFunction): void {
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}

/**
 * The playground (GraphiQL with the explorer, the example operations as tabs and
 * a place for a token) and the district dashboard, all served from this gateway.
 * Scripts come from our own origin only (the Content-Security-Policy says so).
 */
export function pagesRouter(options: { playground: boolean; graphUrl: () => string }): express.Router {
  const router = express.Router();
  const files = assetFiles();
  const operations = readOperations();
  const pageOperations = readOperations(PAGE_OPERATIONS_DIR);
  const security = pageSecurity;
  router.get('/_assets/:name', (req, res) => {
    const file = files.get(req.params.name);
    if (!file) {
      res.status(404).end();
      return;
    }
    res.sendFile(file, { maxAge: '1h' });
  });
  router.get('/_pages/operations.json', (_req, res) => {
    res.json(operations);
  });
  // The gateway's own pages' registered questions (gateway/operations/), which the playground does not list.
  router.get('/_pages/page-operations.json', (_req, res) => {
    res.json(pageOperations);
  });
  // The playground needs introspection, which production switches off.
  if (options.playground) {
    router.get('/playground', security, (_req, res) => {
      res.type('html').send(PLAYGROUND);
    });
  }
  router.get('/dashboard', security, (_req, res) => {
    res.type('html').send(DASHBOARD);
  });
  router.use(checkInRouter({ graphUrl: options.graphUrl, security }));
  // A browser opening the graph's URL gets the playground, as Apollo's landing page does.
  router.get('/', (req, res, next) => {
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.redirect(302, options.playground ? '/playground' : '/dashboard');
    } else next();
  });
  return router;
}
