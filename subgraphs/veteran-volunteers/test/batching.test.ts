import { recordStatements, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { aMember, aTeam, aVeteran, officer } from './arrange';

const TEAMS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on VeteranTeam {
  id leader { id serviceYears } members { id partyMember }
  activities(first: 2) { totalCount edges { node { title } } } } } }`;

/** Many teams in one call (a region's team list, a gateway batch): one statement per kind of row, not one per team. */
describe('VeteranTeam members, leader and activities for many teams', () => {
  let graph: SubgraphHarness;
  const teams: { id: string; name: string }[] = [];
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
    for (const [i, activities] of [3, 1, 0].entries()) {
      const leader = await aVeteran(graph.db);
      const team = await aTeam(graph.db, `批量${i}队`, '350105102227', leader.id);
      await aMember(graph.db, team.id, leader.id);
      await aMember(graph.db, team.id, (await aVeteran(graph.db)).id);
      await graph.db.query(
        `INSERT INTO veteran_volunteers.activity (team_id, region_code, title, kind, starts_at, ends_at)
         SELECT $1, '350105102227', $2 || '活动' || n, 'PATROL', TIMESTAMPTZ '2026-11-01 09:00+08' + n * interval '1 day',
           TIMESTAMPTZ '2026-11-01 11:00+08' + n * interval '1 day' FROM generate_series(1, $3::int) AS n`,
        [team.id, team.name, activities],
      );
      teams.push(team);
    }
  });
  afterAll(() => graph.stop());

  it('when three teams are asked in one call, then members, leaders, activity pages and their counts are one statement each', async () => {
    const log = recordStatements(graph.db);
    try {
      const { body } = await graph.query(TEAMS, { reps: teams.map((t) => ({ __typename: 'VeteranTeam', id: t.id })) }, officer('350105'));
      expect(body.errors).toBeUndefined();
      const found = body.data._entities;
      expect(found.map((t: any) => [t.members.length, t.activities.totalCount, t.activities.edges.map((e: any) => e.node.title)])).toEqual([
        [2, 3, ['批量0队活动3', '批量0队活动2']],
        [2, 1, ['批量1队活动1']],
        [2, 0, []],
      ]);
      const counts = log.countByName();
      // Audit rows are written per field set read, not per team (auditTrail).
      for (const name of Object.keys(counts)) if (name.startsWith('appendAudit')) delete counts[name];
      expect(counts).toEqual({ teamsByIds: 1, veteransByIds: 1, teamMembers: 1, activitiesPageOfTeams: 1, activitiesCountOfTeams: 1 });
    } finally {
      log.stop();
    }
  });

  it('when the activities are asked without their totalCount, then nothing is counted', async () => {
    const log = recordStatements(graph.db);
    try {
      const { body } = await graph.query(
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on VeteranTeam { activities(first: 1) { edges { node { title } } } } } }`,
        { reps: teams.map((t) => ({ __typename: 'VeteranTeam', id: t.id })) },
      );
      expect(body.errors).toBeUndefined();
      expect(log.countByName()).toEqual({ teamsByIds: 1, activitiesPageOfTeams: 1 });
    } finally {
      log.stop();
    }
  });
});
