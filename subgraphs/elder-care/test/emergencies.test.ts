import { randomUUID } from 'node:crypto';
import type { Identity } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { sweepEmergencies, type EmergencyContacts } from '../src/services/emergencySweep';
import { ESCALATE_AFTER_MS } from '../src/domain/emergency';
import { analyst, anElder, anonymous, codeOf, officer, person, snapshot, stationManager, volunteer, XINGANG } from './arrange';

const RAISE = `mutation ($e: ID!, $note: String) { raiseEmergency(elderId: $e, note: $note) { id raisedAs raisedAt escalatedAt request { id priority category status } } }`;
const ACK = `mutation ($id: ID!) { acknowledgeEmergency(id: $id) { id acknowledgedBy { id } acknowledgedAt minutesToAcknowledge } }`;
const RESOLVE = `mutation ($id: ID!, $r: String!) { resolveEmergency(id: $id, resolution: $r) { id resolvedAt resolution request { status } } }`;
const REGISTER_DEVICE = `mutation ($e: ID!) { registerCallDevice(elderId: $e, label: "床头呼叫器") { id label revokedAt } }`;
const REVOKE_DEVICE = `mutation ($id: ID!) { revokeCallDevice(id: $id) { id revokedAt } }`;
const WORKLIST = `query ($near: ID) { serviceRequestWorklist(near: $near, first: 50) { edges { node { id priority } } } }`;
const STATS = `query ($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { emergencies { raised open escalated medianMinutesToAcknowledge suppressed } } } }`;

const device = (id: string): Identity => ({ sub: id, roles: ['CALL_DEVICE'], region: null });

/** The other subgraphs as the sweep sees them: who is on duty, who holds office; `down` makes them fail as an outage would. */
function contactsOf(staff: string[], officers: Record<string, string[]>) {
  const state = { down: false, asked: 0 };
  const contacts: EmergencyContacts = {
    async stationStaff() {
      state.asked++;
      if (state.down) throw new Error('neighbour-stations unavailable');
      return staff;
    },
    async officers(codes) {
      if (state.down) throw new Error('directory unavailable');
      return codes.flatMap((code) => officers[code] ?? []);
    },
  };
  return { contacts, state };
}

describe('the one-key emergency call (issue 16.3)', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  const raise = async (elderId: string, as: Identity) => {
    const { body } = await graph.query(RAISE, { e: elderId }, as);
    expect(body.errors).toBeUndefined();
    return body.data.raiseEmergency;
  };
  const noticesOf = async (requestId: string) =>
    (await graph.db.query(
      `SELECT recipient_id AS "to", text FROM elder_care.notice_outbox WHERE kind = 'EMERGENCY' AND subject_id = $1 ORDER BY created_at, recipient_id`,
      [requestId],
    )) as { to: string; text: string }[];

  it('when a carer raises an emergency, then an EMERGENCY visit request opens first in the street worklist and the family is told once', async () => {
    const elder = await anElder(graph.db);
    const contact = randomUUID();
    await graph.db.query(`UPDATE elder_care.elder SET emergency_contact_person_id = $2 WHERE id = $1`, [elder.id, contact]);
    // An older ordinary request of the same street, which an emergency must still come before.
    await graph.query(
      `mutation ($e: ID!) { requestService(elderId: $e, category: MEAL, mode: VOLUNTEER_CLAIM) { id } }`,
      { e: elder.id },
      person(elder.personId),
    );
    const emergency = await raise(elder.id, person(elder.carerId));
    expect(emergency).toMatchObject({ raisedAs: 'FAMILY_MEMBER', escalatedAt: null, request: { priority: 'EMERGENCY', category: 'VISIT', status: 'OPEN' } });
    const worklist = (await graph.query(WORKLIST, { near: XINGANG }, volunteer(randomUUID(), '350105001001'))).body.data.serviceRequestWorklist.edges;
    expect(worklist[0].node).toEqual({ id: emergency.request.id, priority: 'EMERGENCY' });
    expect(worklist.slice(1).every((e: { node: { priority: string } }) => e.node.priority === 'ROUTINE')).toBe(true);
    // The carer raised it: they are not told of their own call; the emergency contact is.
    expect((await noticesOf(emergency.request.id)).map((n) => n.to)).toEqual([contact]);
  });

  it('when the button is pressed again while the emergency is open, then the same emergency comes back and nothing is opened twice', async () => {
    const elder = await anElder(graph.db);
    const first = await raise(elder.id, person(elder.personId));
    const again = await raise(elder.id, person(elder.personId));
    expect(again.id).toBe(first.id);
    const [{ n }] = await graph.db.query(`SELECT count(*)::int AS n FROM elder_care.service_request WHERE elder_id = $1 AND priority = 'EMERGENCY'`, [
      elder.id,
    ]);
    expect(n).toBe(1);
  });

  it("when a volunteer who is not the elder's family, or an analyst, raises one, then FORBIDDEN (or no role) and nothing changes", async () => {
    const elder = await anElder(graph.db);
    const before = await snapshot(graph.db);
    const stranger = await graph.query(RAISE, { e: elder.id }, volunteer());
    expect(stranger.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'emergencyRaiser' });
    expect(codeOf((await graph.query(RAISE, { e: elder.id }, { sub: randomUUID(), roles: ['ANALYST'], region: null })).body)).toBe('FORBIDDEN');
    expect(await snapshot(graph.db)).toEqual(before);
  });

  it("when the elder's registered call device raises one, then it is raised as CALL_DEVICE; another elder's device, or a revoked one, is FORBIDDEN", async () => {
    const elder = await anElder(graph.db);
    const other = await anElder(graph.db);
    const keeper = officer('350105');
    const registered = (await graph.query(REGISTER_DEVICE, { e: elder.id }, keeper)).body.data.registerCallDevice;
    expect(registered).toMatchObject({ label: '床头呼叫器', revokedAt: null });
    expect(codeOf((await graph.query(REGISTER_DEVICE, { e: elder.id }, volunteer())).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(RAISE, { e: other.id }, device(registered.id))).body)).toBe('FORBIDDEN');
    expect((await raise(elder.id, device(registered.id))).raisedAs).toBe('CALL_DEVICE');
    // Nothing else is open to a device's token.
    expect(codeOf((await graph.query(ACK, { id: randomUUID() }, device(registered.id))).body)).toBe('FORBIDDEN');
    const revoked = (await graph.query(REVOKE_DEVICE, { id: registered.id }, keeper)).body.data.revokeCallDevice;
    expect(revoked.revokedAt).not.toBeNull();
    const third = await anElder(graph.db);
    await graph.db.query(`UPDATE elder_care.call_device SET elder_id = $2 WHERE id = $1`, [registered.id, third.id]);
    expect(codeOf((await graph.query(RAISE, { e: third.id }, device(registered.id))).body)).toBe('FORBIDDEN');
  });

  it('when the sweep runs, then the staff on duty and the community officer are told once; while their subgraph is down it waits and tries again', async () => {
    const elder = await anElder(graph.db);
    const onDuty = randomUUID();
    const communityOfficer = randomUUID();
    const { contacts, state } = contactsOf([onDuty], { [XINGANG]: [communityOfficer] });
    const emergency = await raise(elder.id, person(elder.personId));
    state.down = true;
    await sweepEmergencies(graph.db, contacts, new Date());
    expect((await noticesOf(emergency.request.id)).map((n) => n.to)).toEqual([elder.carerId]);
    state.down = false;
    await sweepEmergencies(graph.db, contacts, new Date());
    await sweepEmergencies(graph.db, contacts, new Date());
    const told = await noticesOf(emergency.request.id);
    expect(told.map((n) => n.to).sort()).toEqual([elder.carerId, onDuty, communityOfficer].sort());
    expect(told.find((n) => n.to === onDuty)?.text).toContain('值班');
  });

  it('when nobody acknowledges within 5 minutes, then the district officers are told once; an acknowledged emergency does not escalate', async () => {
    const districtOfficer = randomUUID();
    const { contacts } = contactsOf([], { '350105': [districtOfficer] });
    const unanswered = await anElder(graph.db);
    const answered = await anElder(graph.db);
    const late = await raise(unanswered.id, person(unanswered.personId));
    const acked = await raise(answered.id, person(answered.personId));
    const raisedAt = new Date(late.raisedAt).getTime();
    expect((await graph.query(ACK, { id: acked.id }, person(answered.carerId))).body.data.acknowledgeEmergency.acknowledgedBy).toEqual({
      id: answered.carerId,
    });
    // The clock the test sets: a second before the 5 minutes, nothing; at them, the escalation.
    await sweepEmergencies(graph.db, contacts, new Date(raisedAt + ESCALATE_AFTER_MS - 1_000));
    expect((await noticesOf(late.request.id)).some((n) => n.to === districtOfficer)).toBe(false);
    await sweepEmergencies(graph.db, contacts, new Date(raisedAt + ESCALATE_AFTER_MS + 5_000));
    await sweepEmergencies(graph.db, contacts, new Date(raisedAt + ESCALATE_AFTER_MS + 15_000));
    expect((await noticesOf(late.request.id)).filter((n) => n.to === districtOfficer)).toHaveLength(1);
    expect((await noticesOf(acked.request.id)).some((n) => n.to === districtOfficer)).toBe(false);
    const [row] = await graph.db.query(`SELECT escalated_at AS "escalatedAt" FROM elder_care.emergency WHERE id = $1`, [late.id]);
    expect(row.escalatedAt).not.toBeNull();
  });

  it('when an emergency is acknowledged and resolved, then who and when are recorded, its open request is cancelled, and the region figures count it', async () => {
    const community = '350105001007';
    const elder = await anElder(graph.db, community);
    const emergency = await raise(elder.id, person(elder.personId, community));
    const manager = stationManager(community);
    expect(codeOf((await graph.query(ACK, { id: emergency.id }, volunteer(randomUUID(), community))).body)).toBe('FORBIDDEN');
    const ack = (await graph.query(ACK, { id: emergency.id }, manager)).body.data.acknowledgeEmergency;
    expect(ack.acknowledgedBy).toEqual({ id: manager.sub });
    expect(ack.minutesToAcknowledge).toBeGreaterThanOrEqual(0);
    // A second acknowledgement keeps the first.
    expect((await graph.query(ACK, { id: emergency.id }, person(elder.carerId, community))).body.data.acknowledgeEmergency.acknowledgedBy).toEqual({
      id: manager.sub,
    });
    const resolved = (await graph.query(RESOLVE, { id: emergency.id, r: '志愿者已上门，长者无碍' }, manager)).body.data.resolveEmergency;
    expect(resolved).toMatchObject({ resolution: '志愿者已上门，长者无碍', request: { status: 'CANCELLED' } });
    expect(codeOf((await graph.query(RESOLVE, { id: emergency.id, r: '另一种说法' }, manager)).body)).toBe('CONFLICT');
    const stats = (await graph.query(STATS, { code: community }, officer('350105'))).body.data._entities[0].emergencies;
    expect(stats).toMatchObject({ raised: 1, open: 0, escalated: 0 });
    expect(stats.medianMinutesToAcknowledge).toBeGreaterThanOrEqual(0);
    // One emergency in a community singles its elder out: withheld from the public and analysts, median too.
    for (const caller of [anonymous, analyst()]) {
      const shown = (await graph.query(STATS, { code: community }, caller)).body.data._entities[0].emergencies;
      expect(shown).toMatchObject({ raised: null, open: null, escalated: null, medianMinutesToAcknowledge: null });
      expect(shown.suppressed).toEqual(expect.arrayContaining(['raised', 'open', 'escalated']));
    }
  });
});
