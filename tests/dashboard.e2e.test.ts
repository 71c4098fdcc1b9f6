import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { describeWithBrowser, launchChromium } from './chromium';
import { startTestGraph, TestGraph } from './harness';
import { takeDown } from './outage';

/**
 * The dashboard (issue 17.4) as an analyst uses it, in headless Chromium at a
 * desktop width and a phone's (390 px), on the demo seed and under
 * CIVIC_OPERATIONS=safelist, so every question the page sends must be registered.
 * Screenshots are kept in the test output folder (the system's temporary folder,
 * as tests/browser.e2e.test.ts keeps its own), named civic-dashboard-*.png.
 */
// Waits go through locators: the page's Content-Security-Policy forbids the
// evaluated strings that waitForFunction would inject.
const waitForText = (page: Page, selector: string, text: string | RegExp) => page.locator(selector).filter({ hasText: text }).first().waitFor();
const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(tmpdir(), `civic-dashboard-${name}.png`), fullPage: true });
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

interface ChartSummary {
  series: { type: string; name: string; data: any[] }[];
  yAxes: number;
  months: string[];
  colours: (string | null)[];
}
/** The page's globals, in page.evaluate (the tests' TypeScript has no DOM library). */
type PageWindow = { echarts: any; document: { getElementById(id: string): unknown; documentElement: { scrollWidth: number } } };

/** What an ECharts chart on the page holds: its series' types, names and data, and each area's colour. */
const chartOf = (page: Page, id: string): Promise<ChartSummary | null> =>
  page.evaluate((elementId) => {
    const { echarts, document } = globalThis as unknown as PageWindow;
    const chart = echarts.getInstanceByDom(document.getElementById(elementId));
    if (!chart) return null;
    const option = chart.getOption();
    const mapSeries = chart.getModel().getSeriesByType('map')[0];
    return {
      series: option.series.map((s: any) => ({
        type: s.type,
        name: s.name,
        data: s.data.map((d: any) => (d && typeof d === 'object' && !Array.isArray(d) ? { name: d.name, value: d.value } : d)),
      })),
      yAxes: option.yAxis?.length ?? 0,
      months: option.xAxis?.[0]?.data ?? [],
      // the colour ECharts gave each area (visualMap over the figure)
      colours: mapSeries ? mapSeries.getData().mapArray((i: number) => mapSeries.getData().getItemVisual(i, 'style')?.fill ?? null) : [],
    };
  }, id);

/** Holds back the graph's answers to DistrictDashboard for `code` until released. */
async function holdDashboard(page: Page, code: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const heldOnce = new Promise<void>((resolve) => (held = resolve));
  await page.route(
    (url) => url.pathname === '/',
    async (route: Route) => {
      const body = route.request().postData() ?? '';
      if (/"operationName":"DistrictDashboard"/.test(body) && JSON.parse(body).variables.code === code) {
        held();
        await released;
      }
      // a request the page has since aborted cannot go on: that is the point
      await route.continue().catch(() => undefined);
    },
  );
  return { release, held: heldOnce };
}

describeWithBrowser('the dashboard in a browser', () => {
  let graph: TestGraph;
  let browser: Browser;
  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' }, operations: 'safelist' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await graph?.stop();
  });

  /**
   * Opens a page signed in as a city administrator, as a civil-affairs office uses the
   * dashboard: anonymous callers see small counts withheld (statistical disclosure control).
   */
  async function open(url: string, viewport = DESKTOP, token?: string | null) {
    const page = await browser.newPage({ viewport });
    const signedIn = token === undefined ? await graph.token(['CITY_ADMIN'], '35') : token;
    type InPage = { localStorage: { setItem(key: string, value: string): void } };
    if (signedIn) await page.addInitScript((t) => (globalThis as unknown as InPage).localStorage.setItem('civic.token', t), signedIn);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(graph.url) && !request.url().startsWith('blob:')) outside.push(request.url());
    });
    await page.goto(`${graph.url}${url}`);
    return { page, errors, outside };
  }
  const loaded = (page: Page) => page.locator('main[aria-busy="false"]').waitFor();

  it('when a district is opened, then its figures, streets, maps and as-of time show in Chinese, from the gateway alone', async () => {
    const { page, errors, outside } = await open('dashboard?code=350105');
    await waitForText(page, '#title', '马尾区（350105）');
    await loaded(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('#status').textContent()).toBe('');
    const labels = await page.locator('#totals .card span').allTextContents();
    expect(labels).toEqual([
      '登记老人',
      '待响应请求',
      '已完成服务',
      '存入时长（小时）',
      '退役军人',
      '志愿服务队',
      '志愿活动',
      '驿站',
      '已授牌',
      '未完成订单',
      '考评',
      '平均分',
    ]);
    expect(await page.locator('#streets thead th').first().textContent()).toBe('名称');
    expect(await page.locator('#streets tbody th').allTextContents()).toEqual(['罗星街道', '马尾镇', '亭江镇', '琅岐镇']);
    expect(await page.locator('#children-title').textContent()).toBe('马尾区下辖街道/乡镇');
    // the answer's time, as a Chinese reader writes it, in Fujian's time
    expect(await page.locator('#asof').textContent()).toMatch(/^数据截至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);

    // The city's map: Fuzhou's 13 districts by today's codes (长乐区, not 长乐市), coloured by the figure.
    await waitForText(page, '#city-map-title', '福州市各区县：登记老人');
    await waitForText(page, '#stations-note', '驿站 7 个');
    const city = (await chartOf(page, 'city-map'))!;
    const areas = city.series.find((s) => s.type === 'map')!.data as { name: string; value: number }[];
    expect(areas.map((a) => a.name)).toEqual(expect.arrayContaining(['马尾区', '长乐区', '鼓楼区', '福清市']));
    expect(areas).toHaveLength(13);
    expect(areas.find((a) => a.name === '马尾区')!.value).toBe(40);
    // A district with nothing recorded (台江区) has no colour of the scale: it is not a zero.
    expect(areas.find((a) => a.name === '台江区')!.value).toBeNaN();
    const coloured = city.colours.filter((c: string | null) => c && c !== '#eceff1');
    expect(new Set(coloured).size).toBeGreaterThanOrEqual(2);
    // The city's stations as points, split by their plaque.
    const points = city.series.filter((s) => s.type === 'scatter');
    expect(points.map((s) => s.name)).toEqual(['已授牌驿站', '未授牌驿站']);
    expect(points[0].data.length + points[1].data.length).toBe(7);
    expect(points[0].data.length).toBeGreaterThan(0);
    for (const point of [...points[0].data, ...points[1].data] as { value: [number, number] }[]) {
      expect(point.value[0]).toBeGreaterThan(118); // longitude in Fuzhou
      expect(point.value[1]).toBeGreaterThan(25);
    }
    // The province's nine cities.
    await waitForText(page, '#province-map-title', '全省九市：登记老人');
    const province = (await chartOf(page, 'province-map'))!;
    expect(province.series[0].data.map((a: { name: string }) => a.name).sort()).toEqual(
      ['三明市', '南平市', '厦门市', '宁德市', '泉州市', '漳州市', '福州市', '莆田市', '龙岩市'].sort(),
    );
    expect(province.colours.filter((c: string | null) => c && c !== '#eceff1').length).toBeGreaterThanOrEqual(5);

    // Another figure recolours the maps and the bars.
    await page.selectOption('#measure', 'veterans');
    await waitForText(page, '#city-map-title', '福州市各区县：退役军人');
    const recoloured = (await chartOf(page, 'city-map'))!;
    expect((recoloured.series[0].data as { name: string; value: number }[]).find((a) => a.name === '马尾区')!.value).toBe(120);
    expect(page.url()).toContain('measure=veterans');
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await screenshot(page, 'desktop');
    await page.close();
  });

  it('when the province is opened, then its figures use Chinese digit grouping', async () => {
    const { page } = await open('dashboard?code=35');
    await waitForText(page, '#title', '福建省（35）');
    await loaded(page);
    const cards = await page.locator('#totals .card b').allTextContents();
    // 1,584.5 hours deposited in the demo seed
    expect(cards[3]).toMatch(/^\d{1,3}(,\d{3})+\.\d$/);
    expect(await page.locator('#streets tbody th').count()).toBe(9);
    await page.close();
  });

  it('when English is picked, then labels, numbers and dates switch, and Chinese comes back', async () => {
    const { page } = await open('dashboard?code=350105');
    await loaded(page);
    await page.locator('#lang').click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
    expect((await page.locator('#totals .card span').allTextContents()).slice(0, 2)).toEqual(['Elders', 'Open requests']);
    expect(await page.locator('#asof').textContent()).toMatch(/^As of \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(await page.locator('#city-map-title').textContent()).toBe('福州市 districts: Elders');
    expect(await page.locator('#lang').textContent()).toBe('中文');
    await page.locator('#lang').click();
    expect((await page.locator('#totals .card span').allTextContents())[0]).toBe('登记老人');
    await page.close();
  });

  it('when an answer is slow, then the page says it is loading; a district picked later wins over the earlier one answering last', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const hold = await holdDashboard(page, '350105');
    await page.goto(`${graph.url}dashboard?code=350105`);
    await hold.held;
    await waitForText(page, '#status', '加载中…');
    expect(await page.locator('main').getAttribute('aria-busy')).toBe('true');

    // the page gives up 马尾区's request once 台江区 is picked
    const abandoned = page.waitForEvent('requestfailed', (r) => /"code":"350105"/.test(r.postData() ?? ''));
    await page.selectOption('#district', '350103');
    await abandoned;
    await waitForText(page, '#title', '台江区');
    await loaded(page);
    hold.release(); // 马尾区's answer would come last
    await page.waitForTimeout(300); // time for a stale answer to be drawn, were it drawn
    expect(await page.locator('#title').textContent()).toBe('台江区（350103）');
    expect(await page.locator('#streets tbody th').allTextContents()).not.toContain('罗星街道');
    expect(page.url()).toContain('code=350103');
    await page.close();
  });

  it('when the code in the address is not a region, then the page says so and shows no other district', async () => {
    for (const [code, message] of [
      ['3501x', /地区编码 “3501x” 无效/],
      ['359999', /找不到地区编码 “359999”/],
    ] as const) {
      const { page, errors } = await open(`dashboard?code=${code}`);
      await waitForText(page, '#status.error', message);
      expect(await page.locator('#title').textContent()).toBe('');
      expect(await page.locator('#totals .card').count()).toBe(0);
      expect(await page.locator('main').textContent()).not.toContain('鼓楼区');
      expect(errors).toEqual([]);
      // picking a district from there works
      await page.selectOption('#city', '3501');
      await waitForText(page, '#title', '福州市（3501）');
      await page.close();
    }
  });

  it('when a region holds no records, then its figures say "no data", while a real zero shows 0', async () => {
    const { page } = await open('dashboard?code=350103');
    await waitForText(page, '#title', '台江区');
    await loaded(page);
    expect(await page.locator('#status').textContent()).toContain('台江区暂无任何业务数据');
    const values = await page.locator('#totals .card b').allTextContents();
    expect(values).toEqual(Array(12).fill('无数据'));
    expect(await page.locator('#totals .card.noData').count()).toBe(12);

    // 洛江区's 万安街道 has veterans (2) but no team: that 0 is a figure.
    await page.selectOption('#city', '3505');
    await page.selectOption('#district', '350504');
    await waitForText(page, '#title', '洛江区');
    await loaded(page);
    const row = page.locator('#streets tbody tr[data-code="350504001"] td');
    const cells = await row.allTextContents();
    expect(cells[4]).toBe('2'); // veterans
    expect(cells[5]).toBe('0'); // teams: a real zero
    // 河市镇 has no veterans at all: no data, not three zeros
    const none = await page.locator('#streets tbody tr[data-code="350504102"] td').allTextContents();
    expect(none.slice(4, 7)).toEqual(['无数据', '无数据', '无数据']);
    await screenshot(page, 'no-data');
    await page.close();
  });

  it('when the streets are charted, then each chart holds one measure on its one scale', async () => {
    const { page } = await open('dashboard?code=350105');
    await loaded(page);
    const bars = (await chartOf(page, 'bars'))!;
    expect(bars.series).toHaveLength(1);
    expect(bars.yAxes).toBe(1);
    expect(bars.series[0]).toMatchObject({ type: 'bar', name: '登记老人', data: [9, 8, 9, 14] });
    await page.selectOption('#measure', 'stationCount');
    const stations = (await chartOf(page, 'bars'))!;
    expect(stations.series).toEqual([expect.objectContaining({ name: '驿站', data: [2, 1, 1, 1] })]);
    await page.close();
  });

  it("when a street's row is followed, then its communities show, and the breadcrumb leads back", async () => {
    const { page } = await open('dashboard?code=350105');
    await loaded(page);
    await page.locator('#streets tbody tr[data-code="350105001"] button.drill').click();
    await waitForText(page, '#title', '罗星街道（350105001）');
    await loaded(page);
    expect(page.url()).toContain('code=350105001');
    const rows = await page.locator('#streets tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { code: string } }).dataset.code));
    expect(rows.length).toBe(11);
    for (const code of rows) expect(code).toMatch(/^350105001\d{3}$/);
    expect(await page.locator('#streets tbody th').first().textContent()).toBe('沿山社区');
    expect(await page.locator('#children-title').textContent()).toBe('罗星街道下辖社区/村');
    expect(await page.locator('#streets tbody button.drill').count()).toBe(0); // communities are the last level
    expect(await page.locator('#crumbs').textContent()).toBe('福建省 › 福州市 › 马尾区 › 罗星街道');
    await page.locator('#crumbs button', { hasText: '马尾区' }).click();
    await waitForText(page, '#title', '马尾区（350105）');
    await page.close();
  });

  it('when the page is opened on a 390 px phone, then nothing scrolls sideways, however wide the table', async () => {
    for (const code of ['350105', '350105001', '35']) {
      const { page, errors } = await open(`dashboard?code=${code}`, PHONE);
      await loaded(page);
      await waitForText(page, '#title', `（${code}）`);
      expect([code, await page.evaluate(() => (globalThis as unknown as PageWindow).document.documentElement.scrollWidth)]).toEqual([code, 390]);
      // the maps fit the width, drawn
      const box = await page.locator('#province-map').boundingBox();
      expect(box!.width).toBeLessThanOrEqual(390);
      expect((await chartOf(page, 'province-map'))!.series[0].data).toHaveLength(9);
      expect(errors).toEqual([]);
      await screenshot(page, `phone-${code}`);
      await page.close();
    }
  });

  it('when the trends arrive, then each measure is a 12-month line chart of its own, months in Chinese, the figures the graph gives', async () => {
    const operation = readFileSync(path.join(__dirname, '..', 'schema', 'operations', 'RegionTrends.graphql'), 'utf8');
    const answer = (await graph.query(operation, { code: '350105' }, await graph.token(['CITY_ADMIN'], '35'))).body.data.region;
    const { page, errors } = await open('dashboard?code=350105');
    await loaded(page);
    await page.locator('#trends figure.trend').nth(4).waitFor();
    expect(await page.locator('#trends figcaption').allTextContents()).toEqual(['服务请求（件）', '服务时长（小时）', '退役军人志愿活动', '驿站订单', '考评']);
    const charts = [
      ['requestsChart', ['requestsPlacedByMonth', 'requestsCompletedByMonth']],
      ['hoursByMonth', ['hoursByMonth']],
      ['veteranActivitiesByMonth', ['veteranActivitiesByMonth']],
      ['stationOrdersByMonth', ['stationOrdersByMonth']],
      ['assessmentsByMonth', ['assessmentsByMonth']],
    ] as const;
    for (const [chart, fields] of charts) {
      const drawn = (await chartOf(page, `trend-${chart}`))!;
      expect([chart, drawn.yAxes]).toEqual([chart, 1]); // one scale per measure
      expect(drawn.months).toHaveLength(12);
      for (const month of drawn.months) expect(month).toMatch(/^\d{4}年\d{1,2}月$/);
      expect(drawn.series.map((s) => s.type)).toEqual(fields.map(() => 'line'));
      fields.forEach((field, i) => {
        const series = answer[field] as { month: string; value: number | null; suppressed: boolean }[];
        expect([field, drawn.series[i].data]).toEqual([field, series.map((m) => (m.suppressed ? null : m.value))]);
      });
    }
    expect(errors).toEqual([]);
    await screenshot(page, 'trends');
    await page.close();
  });

  it('when a month of a trend is withheld, then it is a gap named as suppressed, not a 0', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.route(
      (url) => url.pathname === '/',
      async (route: Route) => {
        if (!/"operationName":"RegionTrends"/.test(route.request().postData() ?? '')) return route.continue();
        const response = await route.fetch();
        const json = await response.json();
        Object.assign(json.data.region.hoursByMonth[3], { value: null, suppressed: true });
        await route.fulfill({ response, json });
      },
    );
    await page.goto(`${graph.url}dashboard?code=350105`);
    await loaded(page);
    const panel = page.locator('#trends figure[data-trend="hoursByMonth"]');
    await panel.waitFor();
    const drawn = (await chartOf(page, 'trend-hoursByMonth'))!;
    expect(drawn.series[0].data[3]).toBeNull();
    expect(await panel.locator('.suppressed').textContent()).toBe(`已隐藏（<5）：服务时长（小时） ${drawn.months[3]}`);
    await page.close();
  });

  it('when a count is withheld (null, statistical disclosure control), then it shows as suppressed, never as 0', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    // As the graph answers an anonymous caller once small counts are withheld: 罗星街道's open requests null.
    await page.route(
      (url) => url.pathname === '/',
      async (route: Route) => {
        const body = route.request().postData() ?? '';
        if (!/"operationName":"DistrictDashboard"/.test(body) || JSON.parse(body).variables.code !== '350105') return route.continue();
        const response = await route.fetch();
        const json = await response.json();
        for (const region of json.data.region.selfAndChildren) if (region.code === '350105001') region.elderCare.openRequests = null;
        await route.fulfill({ response, json });
      },
    );
    await page.goto(`${graph.url}dashboard?code=350105&measure=openRequests`);
    await loaded(page);
    const cells = page.locator('#streets tbody tr[data-code="350105001"] td');
    expect(await cells.nth(1).textContent()).toBe('<5 已隐藏');
    expect(await cells.nth(1).getAttribute('class')).toBe('suppressed');
    // the bar chart leaves it out rather than drawing a 0
    expect((await chartOf(page, 'bars'))!.series[0].data[0]).toBeNull();
    await page.close();
  });

  it("when 导出 is pressed, then the street table downloads as CSV and XLSX, asked with the page's token", async () => {
    const { page } = await open('dashboard?code=350105');
    await loaded(page);
    const token = await graph.token(['ANALYST'], '35');
    await page.locator('#token').fill(token);
    await page.locator('#token').dispatchEvent('change');
    await loaded(page);
    const sent = page.waitForRequest((r) => r.url().includes('/export/streets.csv?code=350105'));
    const csv = page.waitForEvent('download');
    await page.locator('#export-csv').click();
    expect((await sent).headers().authorization).toBe(`Bearer ${token}`);
    const csvBytes = readFileSync((await (await csv).path())!);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for Chinese
    expect(csvBytes.toString('utf8')).toContain('罗星街道');
    await waitForText(page, '#export-status', '已导出');
    const xlsx = page.waitForEvent('download');
    await page.locator('#export-xlsx').click();
    const xlsxBytes = readFileSync((await (await xlsx).path())!);
    expect(xlsxBytes.subarray(0, 2).toString()).toBe('PK'); // a zip, as XLSX is
    await page.close();
  });

  it('when a domain subgraph is down, then the dashboard shows every other domain and marks its figures unavailable', async () => {
    const restore = await takeDown(graph, 'veteran-volunteers', 'stopped');
    try {
      const { page, errors } = await open('dashboard?code=350105');
      await waitForText(page, '#status', '暂不可用：veteran-volunteers');
      await loaded(page);
      expect(await page.locator('#title').textContent()).toBe('马尾区（350105）');
      expect(await page.locator('#totals .card.unavailable span').allTextContents()).toEqual(['退役军人', '志愿服务队', '志愿活动']);
      expect(await page.locator('#totals .card.unavailable b').allTextContents()).toEqual(['暂不可用', '暂不可用', '暂不可用']);
      expect(await page.locator('#totals .card.value').count()).toBe(9);
      expect(await page.locator('#streets tbody td.unavailable').count()).toBe(4 * 3);
      expect(errors).toEqual([]);
      await screenshot(page, 'partial');
      await page.close();
    } finally {
      await restore();
    }
  });
});
