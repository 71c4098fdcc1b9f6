import express from 'express';
import { ROLES } from '@civic/shared';
import { assetFiles } from './assets';
import { readOperations } from './operations';
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

const DASHBOARD = page(
  'District dashboard',
  `  <header class="bar">
    <strong>District dashboard</strong>
    <label>City <select id="city"></select></label>
    <label>District <select id="district"></select></label>
    <label>Token <input id="token" type="password" placeholder="optional" autocomplete="off"></label>
    <a href="/playground">Playground</a>
  </header>
  <main>
    <h1 id="title"></h1>
    <p id="status" role="status"></p>
    <section id="totals" class="cards"></section>
    <canvas id="chart" height="110"></canvas>
    <table id="streets"><thead></thead><tbody></tbody></table>
  </main>`,
  ['chart.js', 'dashboard.js'],
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
