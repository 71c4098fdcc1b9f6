import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { describeWithBrowser, launchChromium } from './chromium';
import { startTestGraph, TestGraph } from './harness';

/**
 * The playground as a person uses it, in headless Chromium (tests/chromium.ts);
 * the dashboard has its own, tests/dashboard.e2e.test.ts.
 */
// Waits go through locators: the pages' Content-Security-Policy forbids the
// evaluated strings that waitForFunction would inject.
const waitForText = (page: Page, selector: string, text: string | RegExp) => page.locator(selector).filter({ hasText: text }).first().waitFor();

describeWithBrowser('the gateway in a browser', () => {
  let graph: TestGraph;
  let browser: Browser;
  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await graph?.stop();
  });

  it('when a browser opens the graph URL, then it is sent to the playground; a client gets GraphQL', async () => {
    const html = await fetch(graph.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(html.status).toBe(302);
    expect(html.headers.get('location')).toBe('/playground');
    const post = await graph.query('{ region(code: "35") { name } }');
    expect(post.body.data.region.name).toBe('福建省');
  });

  it('when a query is run from the playground, then its result shows, sent with the token typed in', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(graph.url.replace('localhost', '127.0.0.1')) && !request.url().startsWith(graph.url)) outside.push(request.url());
    });
    await page.goto(`${graph.url}playground`);
    await page.locator('#token').fill(await graph.token(['ANALYST'], '35'));
    await page.waitForSelector('.graphiql-container .CodeMirror');
    // The example operations are there as tabs, the district dashboard first.
    await expect(page.locator('.graphiql-tab').count()).resolves.toBeGreaterThanOrEqual(2);
    const sent = page.waitForRequest((r) => r.method() === 'POST' && /DistrictDashboard/.test(r.postData() ?? ''));
    await page.locator('.graphiql-execute-button').click();
    const request = await sent;
    expect(request.headers().authorization).toMatch(/^Bearer ey/);
    await waitForText(page, '.graphiql-response', '马尾区');
    // The district comes first in selfAndChildren, with its figures (the editor renders only the lines in view).
    expect(await page.locator('.graphiql-response').textContent()).toMatch(/"selfAndChildren": \[\s*\{\s*"code": "350105"/);
    // The explorer plugin opens beside the editor, listing the graph's root fields.
    await page.locator('button[aria-label="Show GraphiQL Explorer"]').click();
    await waitForText(page, '.graphiql-plugin', 'Explorer');
    await waitForText(page, '.graphiql-plugin', 'stationsNear');
    expect(outside).toEqual([]); // everything came from the gateway itself
    await page.screenshot({ path: `${tmpdir()}/civic-playground.png` });
    await page.close();
  });

  it('when a role and region are picked in the playground, then a development token for them fills the token field', async () => {
    const page = await browser.newPage();
    await page.goto(`${graph.url}playground`);
    await page.locator('#token').fill('');
    await page.selectOption('#mint-role', 'DISTRICT_OFFICER');
    await page.locator('#mint-region').fill('350105');
    await page.locator('#mint button').click();
    await waitForText(page, '#mint-status', 'DISTRICT_OFFICER · 350105');
    const token = await page.locator('#token').inputValue();
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ roles: ['DISTRICT_OFFICER'], region: '350105' });
    // A mistake is named in the page, and the field keeps the token it had.
    await page.locator('#mint-region').fill('3501x');
    await page.locator('#mint button').click();
    await waitForText(page, '#mint-status', 'region must be');
    expect(await page.locator('#token').inputValue()).toBe(token);
    await page.close();
  });
});
