import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { RunningService } from '@civic/shared';
import { gatewayBeside, startTestGraph, TestGraph } from './harness';

/**
 * Exports (README "Exports") through the real gateway over HTTP: the dashboard's
 * street table and the public lists as CSV and XLSX, read back with a CSV parser
 * and with exceljs, against rows the test made and against what the graph answers
 * the same caller over GraphQL.
 */
const BOM = [0xef, 0xbb, 0xbf];
const streetsQuery = readFileSync(path.join(__dirname, '..', 'gateway', 'operations', 'ExportStreets.graphql'), 'utf8');

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** set when the body did not arrive whole (the connection was cut) */
  cut?: Error;
}

async function download(base: string, url: string, token?: string): Promise<Download> {
  const response = await fetch(new URL(url, base), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const chunks: Buffer[] = [];
  const reader = response.body!.getReader();
  let cut: Error | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    cut = error as Error;
  }
  return { status: response.status, headers: response.headers, bytes: Buffer.concat(chunks), cut };
}

/** A CSV download's records, after checking its BOM; the header row first. */
function csvRecords(file: Download): string[][] {
  expect([...file.bytes.subarray(0, 3)]).toEqual(BOM);
  return parse(file.bytes, { bom: true, relax_column_count: true });
}

/** A download that arrived whole, with its status. */
async function whole(base: string, url: string, token?: string): Promise<Download> {
  const file = await download(base, url, token);
  expect([file.status, file.cut?.message]).toEqual([200, undefined]);
  return file;
}

async function workbookRows(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as any);
  const sheet = workbook.worksheets[0];
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { sheet, rows };
}

describe('exports through the gateway', () => {
  let graph: TestGraph;
  let streets: { code: string; name: string; communities: string[] }[];
  /** stations made per street of 马尾区, 230 in all: more than two pages of the graph's 100 */
  const PER_STREET = [100, 80, 40, 10];
  const TRICKY = ['=HYPERLINK("http://evil.example","点我")', '+86驿站', '-2+3驿站', '@SUM(A1)', '\t=1+1驿站', '马尾,"老街"驿站'];

  beforeAll(async () => {
    // A page may wait on a loaded machine: a subgraph's timeout would cut the download (as it should).
    graph = await startTestGraph({ subgraphTimeoutMs: 30_000 });
    const { body } = await graph.query('{ region(code: "350105") { children { code name children { code } } } }');
    streets = body.data.region.children.map((s: any) => ({ code: s.code, name: s.name, communities: s.children.map((c: any) => c.code) }));
    expect(streets.map((s) => s.name)).toEqual(['罗星街道', '马尾镇', '亭江镇', '琅岐镇']);
    for (const [i, street] of streets.entries()) {
      await graph.db('neighbour-stations').query(
        `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address, helps)
         SELECT $1 || '驿站' || lpad(n::text, 3, '0'), 'MUTUAL_AID', $2, 26.0 + n / 10000.0, 119.4, $1 || n || '号', ARRAY['ELDERLY','MEDICAL']
         FROM generate_series(1, $3) AS n`,
        [street.name, street.communities[0], PER_STREET[i] - (i === 0 ? TRICKY.length : 0)],
      );
    }
    for (const name of TRICKY) {
      await graph
        .db('neighbour-stations')
        .query(
          `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address, helps) VALUES ($1, 'VOLUNTEER_SERVICE', $2, 26.0, 119.4, '罗星', ARRAY['CHILDREN'])`,
          [name, streets[0].communities[0]],
        );
    }
    await graph
      .db('elder-care')
      .query(`INSERT INTO elder_care.service_team (name, kind, region_code) VALUES ('马尾志愿者队', 'VOLUNTEER_TEAM', $1)`, [streets[0].communities[0]]);
  });
  afterAll(() => graph.stop());

  it("when the district's officer exports its street table as CSV, then it has the BOM, Chinese headers and one row per street with the dashboard's exact figures", async () => {
    const file = await whole(graph.url, '/export/streets.csv?code=350105', await graph.token(['DISTRICT_OFFICER'], '350105'));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const disposition = file.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename=streets-350105-\d{4}-\d{2}-\d{2}\.csv; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(/^街道乡镇统计-350105-\d{4}-\d{2}-\d{2}\.csv$/);
    // RFC 4180: CRLF between records.
    expect(file.bytes.toString('utf8').split('\r\n')).toHaveLength(streets.length + 2);
    const [header, ...rows] = csvRecords(file);
    expect(header).toEqual([
      '区划代码',
      '名称',
      '老人',
      '待接单请求',
      '已完成服务',
      '存入时长(小时)',
      '退役军人',
      '退役军人队伍',
      '退役军人活动',
      '驿站',
      '已认证驿站',
      '待处理订单',
      '考评',
      '平均得分',
    ]);
    expect(rows.map((r) => [r[0], r[1], r[9]])).toEqual(streets.map((s, i) => [s.code, s.name, String(PER_STREET[i])]));
    expect(rows.every((r) => r[2] === '0' && r[4] === '0')).toBe(true);
  });

  it('when an analyst exports the street table as XLSX, then exceljs opens it with the rows, Chinese intact and figures as numbers', async () => {
    const file = await whole(graph.url, '/export/streets.xlsx?code=350105', await graph.token(['ANALYST'], '35'));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(file.headers.get('content-disposition')!.split("UTF-8''")[1])).toMatch(/^街道乡镇统计-350105-.*\.xlsx$/);
    const { sheet, rows } = await workbookRows(file.bytes);
    expect(sheet.name).toBe('街道乡镇统计');
    expect(rows[0].slice(0, 3)).toEqual(['区划代码', '名称', '老人']);
    // An analyst sees what the public sees: a withheld count (disclosure control) is an empty cell, never a 0.
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual(streets.map((s) => [s.code, s.name]));
    expect(rows.slice(1).every((r) => r[9] === undefined || r[9] === null || typeof r[9] === 'number')).toBe(true);
    const exact = await workbookRows((await whole(graph.url, '/export/streets.xlsx?code=350105', await graph.token(['CITY_ADMIN'], '35'))).bytes);
    expect(exact.rows.slice(1).map((r) => [r[0], r[1], r[9]])).toEqual(streets.map((s, i) => [s.code, s.name, PER_STREET[i]]));
  });

  it('when anyone exports the street table, then it holds what the graph answers that caller over GraphQL, figure for figure', async () => {
    for (const token of [undefined, await graph.token(['DISTRICT_OFFICER'], '350105')]) {
      const answer = await graph.query(streetsQuery, { code: '350105' }, token);
      expect(answer.body.errors).toBeUndefined();
      const expected = answer.body.data.region.selfAndChildren
        .slice(1)
        .map((s: any) =>
          [
            s.code,
            s.name,
            ...[s.elderCare.elders, s.elderCare.openRequests, s.elderCare.completedServices, s.elderCare.hoursDeposited],
            ...[s.veterans.veterans, s.veterans.teams, s.veterans.activities],
            ...[s.stationStats.stations, s.stationStats.certified, s.stationStats.openOrders],
            ...[s.assessmentSummary.assessments, s.assessmentSummary.averageScore],
          ].map((v) => (v == null ? '' : String(v))),
        );
      const [, ...rows] = csvRecords(await whole(graph.url, '/export/streets.csv?code=350105', token));
      expect(rows).toEqual(expected);
    }
  });

  it('when a list is longer than a page, then the CSV and the XLSX hold every row (rows = totalCount), and cells that look like formulas are defused', async () => {
    const total = (await graph.query('{ stations(regionCode: "350105") { totalCount } }')).body.data.stations.totalCount;
    expect(total).toBe(230);

    const [header, ...rows] = csvRecords(await whole(graph.url, '/export/stations.csv?code=350105'));
    expect(header.slice(0, 4)).toEqual(['编号', '名称', '类型', '状态']);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r[0])).size).toBe(total);
    const names = rows.map((r) => r[1]);
    // = + - @ (and tab, CR) at the start are prefixed with '; quotes and commas are quoted as RFC 4180 says.
    expect(names).toEqual(
      expect.arrayContaining([
        `'=HYPERLINK("http://evil.example","点我")`,
        "'+86驿站",
        "'-2+3驿站",
        "'@SUM(A1)",
        "'\t=1+1驿站",
        '马尾,"老街"驿站',
        '罗星街道驿站001',
      ]),
    );
    // Figures are numbers (csv-stringify leaves even a negative one as it is), never prefixed.
    expect(rows.every((r) => !r[header.indexOf('纬度')].startsWith("'"))).toBe(true);
    const luoxing = rows.find((r) => r[1] === '罗星街道驿站001')!;
    expect(luoxing.slice(2, 4)).toEqual(['邻里互助驿站', '开放']);
    expect(luoxing[header.indexOf('服务项目')]).toBe('助老、助医');
    expect(luoxing[header.indexOf('所属区划')]).toBeTruthy();

    const { rows: sheetRows } = await workbookRows((await whole(graph.url, '/export/stations.xlsx?code=350105')).bytes);
    expect(sheetRows).toHaveLength(total + 1);
    expect(sheetRows.slice(1).map((r) => r[1])).toEqual(
      expect.arrayContaining(['=HYPERLINK("http://evil.example","点我")', '马尾,"老街"驿站', '罗星街道驿站001']),
    );
    // A text cell stays text in a workbook: never a formula.
    expect(sheetRows.every((r) => r.every((cell) => typeof cell !== 'object' || cell === null))).toBe(true);
  });

  it('when a public list is exported for all Fujian, then it is the whole list, with no code needed', async () => {
    const total = (await graph.query('{ stations { totalCount } }')).body.data.stations.totalCount;
    const [, ...rows] = csvRecords(await whole(graph.url, '/export/stations.csv'));
    expect(rows).toHaveLength(total);
    for (const name of ['organizations', 'veteran-activities', 'canteens', 'service-requests', 'station-orders']) {
      const file = await whole(graph.url, `/export/${name}.csv`);
      expect([name, file.status]).toEqual([name, 200]);
      expect(csvRecords(file)[0].length).toBeGreaterThan(3);
    }
  });

  it('when the request is wrong, then the answer is JSON with extensions.code and its status, before any file', async () => {
    const refusal = async (url: string, token?: string) => {
      const file = await download(graph.url, url, token);
      expect(file.headers.get('content-type')).toMatch(/^application\/json/);
      expect(file.headers.get('content-disposition')).toBeNull();
      const body = JSON.parse(file.bytes.toString('utf8'));
      return [file.status, body.errors[0].extensions.code, body.errors[0].extensions.argument];
    };
    expect(await refusal('/export/streets.csv')).toEqual([400, 'BAD_USER_INPUT', 'code']);
    expect(await refusal('/export/streets.xlsx?code=3501x5')).toEqual([400, 'BAD_USER_INPUT', 'code']);
    expect(await refusal('/export/streets.csv?code=350105&code=350102')).toEqual([400, 'BAD_USER_INPUT', 'code']);
    expect(await refusal('/export/streets.csv?code=350199')).toEqual([404, 'NOT_FOUND', undefined]);
    expect(await refusal('/export/service-requests.csv?code=350105')).toEqual([400, 'BAD_USER_INPUT', 'code']);
    expect(await refusal('/export/elders.csv')).toEqual([404, 'NOT_FOUND', undefined]);
    expect(await refusal('/export/streets.pdf?code=350105')).toEqual([404, 'NOT_FOUND', undefined]);
    expect(await refusal('/export/streets.csv?code=350105', 'not-a-token')).toEqual([401, 'UNAUTHENTICATED', undefined]);
  });

  it('when a caller exports a list that is not public, then the graph decides: anonymous and another district 403, a volunteer only their own teams, its own district the rows', async () => {
    const refused = async (token?: string) => {
      const file = await download(graph.url, '/export/service-teams.csv?code=350105', token);
      return [file.status, JSON.parse(file.bytes.toString('utf8')).errors[0].extensions.code];
    };
    expect(await refused()).toEqual([403, 'FORBIDDEN']);
    expect(await refused(await graph.token(['DISTRICT_OFFICER'], '350102'))).toEqual([403, 'FORBIDDEN']);
    // A volunteer may list only the teams they belong to: none here.
    expect(csvRecords(await whole(graph.url, '/export/service-teams.csv?code=350105', await graph.token(['VOLUNTEER'], '350105001001')))).toHaveLength(1);
    const [, ...rows] = csvRecords(await whole(graph.url, '/export/service-teams.csv?code=350105', await graph.token(['DISTRICT_OFFICER'], '350105')));
    expect(rows.map((r) => [r[1], r[2]])).toEqual([['马尾志愿者队', '志愿者队伍']]);
  });

  describe('when a subgraph stops in the middle of an export', () => {
    let proxy: Server;
    let beside: RunningService;
    let calls = 0;

    beforeAll(async () => {
      const assessments = graph.subgraphs.find((s) => s.module.name === 'assessments')!.service.url;
      // Assessments (Station.certified, latestScore) answers the first page's call, then dies: later calls are cut off.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises -- a test's proxy: an error in it fails the test's own requests
      proxy = createServer(async (req, res) => {
        calls += 1;
        if (calls > 1) {
          res.socket?.destroy();
          return;
        }
        const body: Buffer[] = [];
        for await (const chunk of req) body.push(chunk as Buffer);
        const answer = await fetch(assessments, {
          method: 'POST',
          headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<
            string,
            string
          >,
          body: Buffer.concat(body),
        });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      beside = await gatewayBeside(graph, { assessments: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/` }, { subgraphTimeoutMs: 5_000 });
    });
    afterAll(async () => {
      await beside.stop();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    });

    it('then the CSV ends with an #ERROR row and the connection is cut, and the XLSX is cut into no workbook at all', async () => {
      calls = 0;
      const csv = await download(beside.url, '/export/stations.csv?code=350105');
      expect(csv.status).toBe(200);
      expect(csv.cut).toBeDefined();
      const records = csvRecords(csv);
      // The first page arrived; the file is marked as incomplete where it stops.
      expect(records.length - 1).toBeGreaterThanOrEqual(100);
      expect(records.length - 1).toBeLessThan(230 + 1);
      expect(records[records.length - 1].slice(0, 2)).toEqual(['#ERROR', 'SERVICE_UNAVAILABLE']);

      calls = 0;
      const xlsx = await download(beside.url, '/export/stations.xlsx?code=350105');
      expect(xlsx.status).toBe(200);
      expect(xlsx.cut).toBeDefined();
      await expect(workbookRows(xlsx.bytes)).rejects.toThrow();
    });
  });
});

describe('exports under CIVIC_OPERATIONS=safelist', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ operations: 'safelist', subgraphTimeoutMs: 30_000 });
    await graph.db('neighbour-stations').query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address)
       SELECT '罗星驿站' || n, 'MUTUAL_AID', '350105001001', 26.0, 119.4, '罗星' FROM generate_series(1, 120) AS n`,
    );
  });
  afterAll(() => graph.stop());

  it('when the gateway serves registered operations only, then the exports still answer: theirs are registered (gateway/operations/)', async () => {
    // The mode is on: a question of one's own is refused.
    const own = await graph.query('{ stations(regionCode: "350105") { totalCount } }');
    expect([own.status, own.body.errors[0].extensions.code]).toEqual([400, 'OPERATION_NOT_SAFELISTED']);

    const [, ...streets] = csvRecords(await whole(graph.url, '/export/streets.csv?code=350105', await graph.token(['CITY_ADMIN'], '35')));
    expect(streets.map((r) => r[1])).toEqual(['罗星街道', '马尾镇', '亭江镇', '琅岐镇']);
    expect(streets[0][9]).toBe('120');
    const { rows } = await workbookRows((await whole(graph.url, '/export/stations.xlsx?code=350105')).bytes);
    expect(rows).toHaveLength(121);
  });
});
