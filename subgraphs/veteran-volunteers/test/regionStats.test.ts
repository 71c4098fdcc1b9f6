import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';

const STATS = `query ($codes: [_Any!]!) {
  _entities(representations: $codes) { ... on Region { code veterans { veterans teams activities } } }
}`;
const regions = (...codes: string[]) => ({ codes: codes.map((code) => ({ __typename: 'Region', code })) });

describe('Region.veterans', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
  });
  afterAll(() => graph.stop());

  it('when nothing is recorded, then every figure is zero', async () => {
    const { body } = await graph.query(STATS, regions('350105'), EXACT_FIGURES);
    expect(body.data._entities[0].veterans).toEqual({ veterans: 0, teams: 0, activities: 0 });
  });

  it('when rows exist in and around a district, then it counts exactly those at or below it', async () => {
    const communities = ['350105001001', '350105002003', '350105100200', '350102001001', '350504001001'];
    await graph.db.query(
      `INSERT INTO veteran_volunteers.veteran (person_id, region_code, service_years, discharge_year)
       SELECT gen_random_uuid(), code, 5, 2010 FROM unnest($1::text[]) AS code, generate_series(1, 2)`,
      [communities],
    );
    // Teams in only some communities, so the three figures differ.
    const teams: { id: string; region_code: string }[] = await graph.db.query(
      `INSERT INTO veteran_volunteers.veteran_team (name, region_code)
       SELECT '红色义工队', code FROM unnest($1::text[]) AS code RETURNING id, region_code`,
      [communities.filter((_, i) => i !== 1)],
    );
    const kinds = ['HEALTH_CLINIC', 'EPIDEMIC_PREVENTION', 'PATROL'];
    for (const [t, team] of teams.entries()) {
      for (const kind of kinds.slice(0, 1 + (t % kinds.length))) {
        await graph.db.query(
          `INSERT INTO veteran_volunteers.activity (team_id, region_code, title, kind, starts_at, ends_at)
           VALUES ($1, $2, '活动', $3, now(), now() + interval '2 hours')`,
          [team.id, team.region_code, kind],
        );
      }
    }
    // Counted another way: in JavaScript over the rows themselves.
    const rowsOf = (table: string): Promise<{ region_code: string }[]> => graph.db.query(`SELECT region_code FROM veteran_volunteers.${table}`);
    const [veterans, teamRows, activities] = await Promise.all(['veteran', 'veteran_team', 'activity'].map(rowsOf));
    const inside = (rows: { region_code: string }[], prefix: string) => rows.filter((r) => r.region_code.startsWith(prefix)).length;
    const expected = (prefix: string) => ({
      veterans: inside(veterans, prefix),
      teams: inside(teamRows, prefix),
      activities: inside(activities, prefix),
    });

    const codes = ['350105', '350105001', '3501', '35', '350503'];
    const { body } = await graph.query(STATS, regions(...codes), EXACT_FIGURES);
    const stats = body.data._entities.map((e: any) => e.veterans);
    expect(stats).toEqual(codes.map(expected));
    expect(stats[0]).toEqual({ veterans: 6, teams: 2, activities: 3 });
    expect(stats[4]).toEqual({ veterans: 0, teams: 0, activities: 0 });
  });
});
