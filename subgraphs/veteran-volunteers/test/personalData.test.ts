import { startSubgraphHarness, SubgraphHarness, graphService } from '@civic/shared/src/testing';
import type { Identity } from '@civic/shared';
import { veteranVolunteers } from '../src/module';
import { aMember, aTeam, aVeteran, officer, volunteer } from './arrange';

/** Veteran volunteers' part of a person's data report and of their erasure (issue 14.2). */
const PART = `query Part($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataReport {
  veterans { holds { kind count } veteran { id serviceYears } reads { totalCount edges { node { fields } } } } } } }`;
const ERASE_COPIES = `mutation Copies($id: ID!) { eraseVeteranCopies(personId: $id) }`;
const service = graphService;
const HOME = '350105102227';

describe("veteran volunteers' part of a person's data rights", () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
  });
  afterAll(() => graph.stop());

  const part = (personId: string, who: Identity) => graph.query(PART, { r: [{ __typename: 'PersonalDataReport', personId, regionCode: HOME }] }, who);

  it('when the veteran reads their part, then it counts their records and logs the read; a foreign officer is FORBIDDEN', async () => {
    const veteran = await aVeteran(graph.db, HOME);
    await aMember(graph.db, (await aTeam(graph.db)).id, veteran.id);
    const { body } = await part(veteran.personId, volunteer(veteran.personId));
    expect(body.errors).toBeUndefined();
    const veterans = body.data._entities[0].veterans;
    expect(veterans.veteran).toEqual({ id: veteran.id, serviceYears: 6 });
    expect(veterans.holds).toEqual(
      expect.arrayContaining([
        { kind: 'veteran_volunteers.veteran', count: 1 },
        { kind: 'veteran_volunteers.team_membership', count: 1 },
        { kind: 'veteran_volunteers.shift', count: 0 },
      ]),
    );
    const [logged] = await graph.db.query(
      `SELECT count(*)::int AS n FROM veteran_volunteers.veteran_data_access WHERE veteran_id = $1 AND 'dataReport' = ANY(fields)`,
      [veteran.id],
    );
    expect(logged.n).toBe(1);
    expect((await part(veteran.personId, officer('350102'))).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('when the directory erases a veteran, then their name as printed in the stories they narrated reads 已删除, and only the directory may ask', async () => {
    const veteran = await aVeteran(graph.db, HOME);
    const [story] = await graph.db.query(
      `INSERT INTO veteran_volunteers.story (title, narrator, narrator_veteran_id, body, region_code)
       VALUES ('郑国平的海防岁月', '郑国平', $1, '1979年，郑国平到海岛守备。', $2) RETURNING id`,
      [veteran.id, HOME],
    );
    expect(await graph.query(ERASE_COPIES, { id: veteran.personId }, service('elder-care')).then((r) => r.body.errors?.[0].extensions.code)).toBe('FORBIDDEN');
    expect((await graph.query(ERASE_COPIES, { id: veteran.personId }, service('directory'))).body).toEqual({ data: { eraseVeteranCopies: 1 } });
    const [row] = await graph.db.query(`SELECT narrator, title, body FROM veteran_volunteers.story WHERE id = $1`, [story.id]);
    expect(row).toEqual({ narrator: '已删除', title: '已删除的海防岁月', body: '1979年，已删除到海岛守备。' });
    expect((await graph.query(ERASE_COPIES, { id: veteran.personId }, service('directory'))).body).toEqual({ data: { eraseVeteranCopies: 0 } });
  });
});
