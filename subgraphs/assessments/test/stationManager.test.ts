import { randomUUID } from 'node:crypto';
import type { Identity } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { assessments } from '../src/module';
import { codeOf, FakeGateway, FINALIZE, footprint, form, Form, officer, scoresAt, startFakeGateway, SUBMIT, volunteer } from './arrange';

/** A station as the gateway represents it once neighbour-stations has said whether the caller manages it. */
const STATIONS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Station {
  id assessments { id totalScore assessor { id } scores { score evidence } } certifications { certifiedBy { id } } } } }`;
const ASSESSMENT = `query ($id: ID!) { assessment(id: $id) { id } }`;

const manager = (sub: string = randomUUID()): Identity => ({ sub, roles: ['STATION_MANAGER'], region: '350504001001' });

describe("a station manager and its own stations' assessments (Station.managedByCaller through @requires)", () => {
  let gateway: FakeGateway;
  let graph: SubgraphHarness;
  let form7: Form;
  const luojiang = officer('350504');
  beforeAll(async () => {
    gateway = await startFakeGateway();
    graph = await startSubgraphHarness(assessments, gateway.url);
    form7 = await form(graph.db, 'STATION_EVALUATION');
  });
  afterAll(async () => {
    await graph.stop();
    await gateway.stop();
  });

  /** A final routine evaluation at 90 %: the station is certified by it. */
  async function evaluated(stationId: string): Promise<string> {
    const { body } = await graph.query(SUBMIT, { t: form7.id, type: 'STATION', s: stationId, kind: 'ROUTINE', scores: scoresAt(form7, 0.9) }, luojiang);
    const id = body.data.submitAssessment.id as string;
    expect((await graph.query(FINALIZE, { id }, luojiang)).body.data.finalizeAssessment.status).toBe('FINAL');
    return id;
  }
  const view = async (reps: Record<string, unknown>[], who: Identity) => {
    const { body } = await graph.query(STATIONS, { reps: reps.map((r) => ({ __typename: 'Station', ...r })) }, who);
    expect(body.errors).toBeUndefined();
    return body.data._entities;
  };

  it('when the representation says the caller manages the station, then its manager reads the details as the officer over it does', async () => {
    const station = gateway.add('station', '350504001001');
    const assessment = await evaluated(station);
    const [asManager] = await view([{ id: station, managedByCaller: true }], manager());
    const [asOfficer] = await view([{ id: station, managedByCaller: false }], luojiang);
    expect(asManager.assessments).toHaveLength(1);
    expect(asManager).toEqual(asOfficer);
    expect(asManager.assessments[0]).toMatchObject({ id: assessment, totalScore: 90, assessor: { id: luojiang.sub } });
    expect(asManager.assessments[0].scores.every((s: any) => s.evidence !== null)).toBe(true);
    expect(asManager.certifications).toEqual([{ certifiedBy: { id: assessment } }]);
  });

  it('when the representation says false or leaves it out, then a station manager sees no details', async () => {
    const station = gateway.add('station', '350504001001');
    await evaluated(station);
    const refused = { id: station, assessments: [], certifications: [{ certifiedBy: null }] };
    expect(await view([{ id: station, managedByCaller: false }], manager())).toEqual([refused]);
    expect(await view([{ id: station }], manager())).toEqual([refused]);
  });

  it("when one station is managed by the caller, then only that station's assessments open, not the others' in the same request", async () => {
    const own = gateway.add('station', '350504001001');
    const other = gateway.add('station', '350504001001');
    const ownAssessment = await evaluated(own);
    await evaluated(other);
    const [ownView, otherView] = await view(
      [
        { id: own, managedByCaller: true },
        { id: other, managedByCaller: false },
      ],
      manager(),
    );
    expect(ownView.assessments.map((a: any) => a.id)).toEqual([ownAssessment]);
    expect(otherView.assessments).toEqual([]);
    expect(otherView.certifications).toEqual([{ certifiedBy: null }]);
  });

  it('when the caller is not a station manager, then managedByCaller true opens nothing: the role is checked here too', async () => {
    const station = gateway.add('station', '350504001001');
    await evaluated(station);
    const [seen] = await view([{ id: station, managedByCaller: true }], volunteer());
    expect(seen.assessments).toEqual([]);
    expect(seen.certifications).toEqual([{ certifiedBy: null }]);
  });

  it('when a manager asks for the assessment by id or tries to score its own station, then null and FORBIDDEN: reading through the station only, writing never', async () => {
    const station = gateway.add('station', '350504001001');
    const assessment = await evaluated(station);
    const own = manager();
    expect((await graph.query(ASSESSMENT, { id: assessment }, own)).body.data.assessment).toBeNull();
    const before = await footprint(graph.db);
    const submitted = await graph.query(SUBMIT, { t: form7.id, type: 'STATION', s: station, kind: 'ROUTINE', scores: scoresAt(form7, 1) }, own);
    expect(codeOf(submitted.body)).toBe('FORBIDDEN');
    expect(await footprint(graph.db)).toEqual(before);
  });
});
