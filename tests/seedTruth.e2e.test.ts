import { startTestGraph, TestGraph } from './harness';

/**
 * The demo data's rules that span subgraphs, on the graph seeded as `npm start`
 * seeds it: each subgraph's tables read side by side (the seeds' plans are
 * checked rule by rule in tests/seed.test.ts; here, that the launcher hands the
 * right population from one seed to the next).
 */
describe('the seeded demo graph tells the truth', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' } });
  });
  afterAll(async () => {
    await graph?.stop();
  });
  const rows = (subgraph: string, sql: string) => graph.db(subgraph).query(sql);

  it('when 金厝边 pilots are read, then each is a Fuzhou community with its station in neighbour-stations', async () => {
    const pilots: { region_code: string; station_id: string | null }[] = await rows(
      'elder-care',
      `SELECT region_code, station_id FROM elder_care.pilot_community`,
    );
    const stations: { id: string; region_code: string }[] = await rows('neighbour-stations', `SELECT id, region_code FROM neighbour_stations.station`);
    expect(pilots.length).toBeGreaterThan(2);
    const at = new Map(stations.map((s) => [s.id, s.region_code]));
    expect(pilots.filter((p) => !p.region_code.startsWith('3501') || !p.station_id || at.get(p.station_id) !== p.region_code)).toEqual([]);
  });

  it('when emergency contacts are read with the directory, then gender and surname agree with the relationship', async () => {
    const contacts: { elder: string; contact: string; relationship: string }[] = await rows(
      'elder-care',
      `SELECT person_id AS elder, emergency_contact_person_id AS contact, emergency_contact_relationship AS relationship FROM elder_care.elder`,
    );
    const people: { id: string; name: string; gender: string }[] = await rows('directory', `SELECT id, name, gender FROM directory.person`);
    const person = new Map(people.map((p) => [p.id, p]));
    const gender: Record<string, string> = { 儿子: 'MALE', 侄子: 'MALE', 女儿: 'FEMALE', 儿媳: 'FEMALE' };
    const wrong = contacts.filter(({ elder, contact, relationship }) => {
      const [e, c] = [person.get(elder)!, person.get(contact)!];
      return (
        (gender[relationship] && gender[relationship] !== c.gender) ||
        (e.gender === 'MALE' && ['儿子', '女儿', '侄子'].includes(relationship) && e.name[0] !== c.name[0])
      );
    });
    expect(contacts.length).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it("when organisations' gradings are read, then no more reach 3A and 4A than seed 002 reports for a whole city (43 and 23)", async () => {
    const [graded] = await rows(
      'assessments',
      `SELECT count(*)::int AS all,
        count(*) FILTER (WHERE total_score >= 70)::int AS "3A", count(*) FILTER (WHERE total_score >= 80)::int AS "4A"
      FROM assessments.assessment WHERE subject_type = 'ORGANIZATION' AND status = 'FINAL'`,
    );
    expect(graded.all).toBeGreaterThan(50);
    expect(graded['3A']).toBeGreaterThan(0);
    expect(graded['3A']).toBeLessThanOrEqual(43);
    expect(graded['4A']).toBeLessThanOrEqual(23);
  });

  it('when communities without a station near are asked for, then every community of the directory has a centre the question sees', async () => {
    const [{ communities }] = await rows('directory', `SELECT count(*)::int AS communities FROM directory.region WHERE level = 'COMMUNITY'`);
    const [{ centres }] = await rows('neighbour-stations', `SELECT count(*)::int AS centres FROM neighbour_stations.community_centre`);
    expect(communities).toBe(17_498);
    expect(centres).toBe(communities);
    // Within 1 m no station is near any centre, so every one of 洛江区's 87 communities is listed; within 1 km the ones around its stations drop out.
    const { body } = await graph.query(`{ all: communitiesWithoutStation(regionCode: "350504", withinMeters: 1) { region { code } }
      far: communitiesWithoutStation(regionCode: "350504") { region { code } } }`);
    expect(body.data.all).toHaveLength(87);
    expect(body.data.far.length).toBeLessThan(87);
    expect(body.data.far.length).toBeGreaterThan(50);
  });

  it("when assessments are counted by age and state, then most are recent, drafts and submissions are this month's, and no subject has one of each state", async () => {
    const all: { subject: string; status: string; days: number }[] = await rows(
      'assessments',
      `SELECT subject_id AS subject, status,
        extract(epoch FROM now() - created_at)::float8 / 86400 AS days FROM assessments.assessment`,
    );
    const inYear = (k: number) => all.filter((a) => a.days >= 365 * k && a.days < 365 * (k + 1)).length;
    expect(inYear(0)).toBeGreaterThan(inYear(1));
    expect(inYear(1)).toBeGreaterThan(inYear(3));
    expect(inYear(3)).toBeGreaterThan(0);
    const pending = all.filter((a) => a.status !== 'FINAL');
    expect(new Set(pending.map((a) => a.status))).toEqual(new Set(['DRAFT', 'SUBMITTED']));
    expect(pending.filter((a) => a.days > 32)).toEqual([]);
    expect(pending.length / all.length).toBeLessThan(0.1);
    const statesOf = new Map<string, string[]>();
    for (const a of all) statesOf.set(a.subject, [...(statesOf.get(a.subject) ?? []), a.status]);
    expect([...statesOf].filter(([, states]) => states.length === 3 && new Set(states).size === 3)).toEqual([]);
    expect([...statesOf.values()].filter((states) => states.length > 1).length).toBeGreaterThan(10);
  });

  it("when the pilots' assessments are read, then each 金厝边 pilot is scored every year, and 洛阳桥 and 万福 pass every evaluation and check and stay certified", async () => {
    const pilots: { region_code: string }[] = await rows('elder-care', `SELECT region_code FROM elder_care.pilot_community`);
    const scored: { subject_id: string; years: number }[] = await rows(
      'assessments',
      `SELECT subject_id, count(DISTINCT period)::int AS years
      FROM assessments.assessment WHERE subject_type = 'REGION' AND status = 'FINAL' GROUP BY subject_id`,
    );
    const years = new Map(scored.map((r) => [r.subject_id, r.years]));
    expect(pilots.filter((p) => (years.get(p.region_code) ?? 0) < 2)).toEqual([]);
    expect(scored.filter((r) => !pilots.some((p) => p.region_code === r.subject_id))).toEqual([]);
    const stations: { id: string }[] = await rows(
      'neighbour-stations',
      `SELECT id FROM neighbour_stations.station WHERE name IN ('洛阳桥驿站', '万福社区驿站')`,
    );
    expect(stations).toHaveLength(2);
    for (const { id } of stations) {
      const scores: { total: number; status: string }[] = await graph
        .db('assessments')
        .query(`SELECT total_score::float8 AS total, status FROM assessments.assessment WHERE subject_id = $1 AND status <> 'DRAFT'`, [id]);
      expect(scores.length).toBeGreaterThanOrEqual(3);
      expect(scores.filter((s) => s.total < 85)).toEqual([]);
      const [certification] = await graph.db('assessments').query(`SELECT suspended_at FROM assessments.certification WHERE station_id = $1`, [id]);
      expect(certification).toEqual({ suspended_at: null });
    }
  });

  it('when elders are read with the directory, then some of the very old have no phone and are marked so, to be acted for', async () => {
    const elders: { person_id: string }[] = await rows('elder-care', `SELECT person_id FROM elder_care.elder`);
    const people: { id: string; phone: string | null; has_phone: boolean; born: number }[] = await rows(
      'directory',
      `SELECT id, phone, has_phone, extract(year FROM birth_date)::int AS born FROM directory.person`,
    );
    const person = new Map(people.map((p) => [p.id, p]));
    const withoutPhone = elders.map((e) => person.get(e.person_id)!).filter((p) => p.phone === null);
    expect(withoutPhone.length).toBeGreaterThan(5);
    expect(withoutPhone.filter((p) => p.has_phone || p.born > 1946)).toEqual([]);
  });
});
