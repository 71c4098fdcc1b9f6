import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '../subgraphs/directory/src/domain/idNumber';
import { startTestGraph, TestGraph } from './harness';

/**
 * Issue 14's "Done when", the directory's part, through the gateway alone: a
 * district officer of 马尾区 registers a person with a valid ID number, makes them a
 * volunteer, registers an organisation with its credit code, corrects each, and
 * reads them back; an analyst reads the same person masked.
 */
describe('a district officer keeps people, volunteers and organisations', () => {
  let graph: TestGraph;
  let officer: string;
  let analyst: string;
  beforeAll(async () => {
    graph = await startTestGraph();
    officer = await graph.token(['DISTRICT_OFFICER'], '350105', randomUUID());
    analyst = await graph.token(['ANALYST'], '35', randomUUID());
  });
  afterAll(() => graph.stop());

  const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
    const { body } = await graph.query(query, variables, token);
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  it('when each is registered, corrected and read back, then the corrections hold, and an analyst sees the person masked', async () => {
    const idNumber = makeIdNumber('350105', '1948-09-02', 417, 'MALE');
    const { registerPerson: person } = await ok(
      `mutation RegisterResident($idNumber: String!, $key: String) {
        registerPerson(name: "黄德明", gender: MALE, birthDate: "1948-09-02", idNumber: $idNumber, phone: "13959101234",
          homeCommunityCode: "350105001001", idempotencyKey: $key) { id idNumber } }`,
      { idNumber, key: `e2e-${randomUUID()}` },
      officer,
    );
    expect(person.idNumber).toBe(idNumber);

    await ok(
      `mutation RegisterVolunteer($id: ID!) {
        registerVolunteer(personId: $id, skills: [COMPANIONSHIP], availability: [TUE_AM, THU_AM], volunteerNumber: "FJ35010500417") { id } }`,
      { id: person.id },
      officer,
    );
    const { registerOrganization: organization } = await ok(
      `mutation RegisterOrganization {
        registerOrganization(name: "马尾区邻里互助协会", kind: ASSOCIATION, creditCode: "91350100M000100Y43", regionCode: "350105") { id creditCode } }`,
      {},
      officer,
    );
    expect(organization.creditCode).toBe('91350100M000100Y43');

    await ok(`mutation CorrectResident($id: ID!) { updatePerson(id: $id, name: "黄德铭", phone: "13959104321") { id } }`, { id: person.id }, officer);
    await ok(`mutation CorrectVolunteer($id: ID!) { updateVolunteer(personId: $id, skills: [COMPANIONSHIP, ESCORT]) { id } }`, { id: person.id }, officer);
    await ok(
      `mutation CorrectOrganization($id: ID!) { updateOrganization(id: $id, kind: SOCIAL_ORGANIZATION, name: "马尾区邻里互助促进会") { id } }`,
      { id: organization.id },
      officer,
    );

    const READ = `query ReadBack($id: ID!, $org: ID!) {
      person(id: $id) { name phone idNumber birthDate hasPhone region { name }
        volunteer { skills availability volunteerNumber community { code } } }
      organization(id: $org) { name kind creditCode endedOn region { name } } }`;
    const whole = await ok(READ, { id: person.id, org: organization.id }, officer);
    expect(whole).toEqual({
      person: {
        name: '黄德铭',
        phone: '13959104321',
        idNumber,
        birthDate: '1948-09-02',
        hasPhone: true,
        region: { name: '沿山社区' },
        volunteer: {
          skills: ['COMPANIONSHIP', 'ESCORT'],
          availability: ['TUE_AM', 'THU_AM'],
          volunteerNumber: 'FJ35010500417',
          community: { code: '350105001001' },
        },
      },
      organization: { name: '马尾区邻里互助促进会', kind: 'SOCIAL_ORGANIZATION', creditCode: '91350100M000100Y43', endedOn: null, region: { name: '马尾区' } },
    });

    const masked = await ok(READ, { id: person.id, org: organization.id }, analyst);
    expect(masked.person).toMatchObject({
      name: '黄德铭',
      phone: '139****4321',
      idNumber: `350105********${idNumber.slice(14)}`,
      birthDate: null,
      volunteer: { volunteerNumber: null, skills: ['COMPANIONSHIP', 'ESCORT'] },
    });

    // the analyst may not write, and the officer's unmasked reads were logged
    const refused = await graph.query(`mutation { updatePerson(id: "${person.id}", name: "某某") { id } }`, {}, analyst);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const logged = await graph
      .db('directory')
      .query(`SELECT DISTINCT unnest(fields) AS field FROM directory.personal_data_access WHERE person_id = $1 AND operation LIKE '%ReadBack%'`, [person.id]);
    expect(logged.map((row: { field: string }) => row.field).sort()).toEqual(['birthDate', 'idNumber', 'phone', 'volunteerNumber']);
  });
});
