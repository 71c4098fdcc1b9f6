import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestGraph, TestGraph } from './harness';
import { Outage, takeDown } from './outage';

/**
 * The district dashboard's own operation, schema/operations/DistrictDashboard.graphql
 * (read from the file, with the variables of its header), through the real gateway
 * on the seeded graph while one domain subgraph is down: the region and every other
 * domain's figures still arrive, the missing domain's fields are null, and an error
 * names the service. A field a subgraph adds to another's entity is nullable, so
 * nothing of the outage climbs to `region`.
 */
const FILE = path.join(__dirname, '..', 'schema', 'operations', 'DistrictDashboard.graphql');
const QUERY = readFileSync(FILE, 'utf8');
const VARIABLES = JSON.parse(/^# variables: (.*)$/m.exec(QUERY)![1]);

/** Each domain subgraph and the Region fields of the dashboard it answers. */
const DOMAINS: [string, string][] = [
  ['elder-care', 'elderCare'],
  ['veteran-volunteers', 'veterans'],
  ['neighbour-stations', 'stationStats'],
  ['assessments', 'assessmentSummary'],
];

// Short enough for the frozen case, long enough for a healthy subgraph on a busy machine.
const TIMEOUT_MS = 3_000;

/** What the dashboard answered with every subgraph up, less what `service` gives. */
function without(healthy: any, service: string, field: string) {
  const drop = (region: any) => ({
    ...region,
    [field]: null,
    // Assessments also answer the stations' certified count (StationStats.certified).
    ...(service === 'assessments' ? { stationStats: { ...region.stationStats, certified: null } } : {}),
    // ...and hand the gateway the StationStats reference, whose counts are nullable (withheld when
    // small): with neighbour-stations down only its counts are null, assessments' certified stays.
    ...(service === 'neighbour-stations' ? { stationStats: { ...region.stationStats, stations: null, openOrders: null } } : {}),
  });
  return { region: { ...healthy.region, selfAndChildren: healthy.region.selfAndChildren.map(drop) } };
}

describe('DistrictDashboard with one domain subgraph down', () => {
  let graph: TestGraph;
  let token: string;
  let healthy: any;
  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' }, subgraphTimeoutMs: TIMEOUT_MS });
    // An officer of the district sees every count (small counts are withheld from anonymous callers).
    token = await graph.token(['DISTRICT_OFFICER'], VARIABLES.code);
    const { body } = await graph.query(QUERY, VARIABLES, token);
    expect(body.errors).toBeUndefined();
    healthy = body.data;
  });
  afterAll(async () => {
    await graph?.stop();
  });

  it('when every subgraph is up, then every domain has figures for the district and each street', () => {
    // The district first, then its streets and towns (Region.selfAndChildren).
    const [district, ...streets] = healthy.region.selfAndChildren;
    expect(district.code).toBe(VARIABLES.code);
    expect(streets.length).toBeGreaterThan(0);
    for (const region of [district, ...streets]) {
      for (const [, field] of DOMAINS) expect([region.code, field, region[field]]).toEqual([region.code, field, expect.any(Object)]);
    }
    expect(district.elderCare.elders).toBeGreaterThan(0);
    expect(district.veterans.veterans).toBeGreaterThan(0);
    expect(district.stationStats.stations).toBeGreaterThan(0);
    expect(district.stationStats.certified).toEqual(expect.any(Number));
    expect(district.assessmentSummary.assessments).toBeGreaterThan(0);
  });

  const cases: [string, string, Outage][] = [
    ...DOMAINS.map(([service, field]): [string, string, Outage] => [service, field, 'stopped']),
    ['neighbour-stations', 'stationStats', 'frozen'],
  ];
  it.each(cases)('when %s is down (%s: %s), then the region and the other domains still arrive', async (service, field, how) => {
    const restore = await takeDown(graph, service, how);
    try {
      // Several dashboards at once: every answer keeps the region, not just some.
      const answers = await Promise.all([1, 2, 3].map(() => graph.query(QUERY, VARIABLES, token)));
      for (const { status, body } of answers) {
        expect(status).toBe(200);
        expect(body.data.region).not.toBeNull();
        expect(body.data).toEqual(without(healthy, service, field));
        expect(body.errors.length).toBeGreaterThan(0);
        for (const error of body.errors) {
          expect(error).toMatchObject({
            message: how === 'frozen' ? `the ${service} service did not answer in time` : `the ${service} service is unavailable`,
            extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: service },
          });
        }
      }
    } finally {
      await restore();
    }
    // Back up, the dashboard is whole again: the next case starts from a healthy graph.
    const { body } = await graph.query(QUERY, VARIABLES, token);
    expect(body).toEqual({ data: healthy });
  });
});
