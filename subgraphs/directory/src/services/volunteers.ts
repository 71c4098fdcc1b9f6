import path from 'node:path';
import { badUserInput, notFound, notify, queryGraph, serviceOperation, type Write } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { Volunteer } from '../entities/Volunteer';
import { recordsRepository } from '../repositories/records';
import { actsAsOfficer, officerOfRegion, registrarOfRegion, selfService } from '../domain/writeRules';
import { transferNotices } from '../domain/transferNotices';
import { assertNotErased, assertRegionExists, duplicate, loadPerson, logPersonChange } from './people';
import { officerRepository } from '../repositories/officers';

type W = Write<DirectoryContext>;

export async function loadVolunteer(w: W, personId: string): Promise<Volunteer> {
  const volunteer = await recordsRepository(w.tx).volunteer(personId);
  if (!volunteer) throw notFound(`person ${personId} is not a volunteer`);
  return volunteer;
}

async function assertNumberFree(w: W, number: string | null, personId: string): Promise<void> {
  if (!number) return;
  const holder = await recordsRepository(w.tx).volunteerWithNumber(number);
  if (holder && holder !== personId) throw duplicate(`volunteer number ${number}`, holder);
}

export interface NewVolunteer {
  personId: string;
  communityCode: string | null;
  skills: string[];
  availability: string[];
  volunteerNumber: string | null;
}

export async function registerVolunteer(w: W, input: NewVolunteer): Promise<Volunteer> {
  const person = await loadPerson(w, input.personId);
  const regionCode = input.communityCode ?? person.regionCode;
  w.require(registrarOfRegion, { regionCode });
  assertNotErased(person);
  if (input.communityCode) await assertRegionExists(w, input.communityCode, 'communityCode', 'COMMUNITY');
  if (!(await recordsRepository(w.tx).insertVolunteer({ ...input, personId: person.id, regionCode }))) {
    // the person's row is locked (loadPerson), so no registration of theirs is on its way: either they are one, or the number is taken
    if (await recordsRepository(w.tx).volunteer(person.id)) throw duplicate(`person ${person.id} as a volunteer`, person.id);
    await assertNumberFree(w, input.volunteerNumber, person.id);
  }
  return loadVolunteer(w, person.id);
}

export interface VolunteerChange {
  personId: string;
  skills?: string[];
  availability?: string[];
  /** null removes the number */
  volunteerNumber?: string | null;
}

export async function updateVolunteer(w: W, change: VolunteerChange): Promise<Volunteer> {
  const volunteer = await loadVolunteer(w, change.personId);
  const fields = (['skills', 'availability', 'volunteerNumber'] as const).filter((field) => change[field] !== undefined);
  const self = { personId: volunteer.personId, fields, allowed: ['availability'] };
  if (!actsAsOfficer(w.identity) && selfService.allows(w.identity, self)) w.require(selfService, self);
  else w.require(officerOfRegion, { regionCode: volunteer.regionCode });
  if (change.volunteerNumber) assertNotErased(await loadPerson(w, volunteer.personId));
  if (change.skills !== undefined && change.skills.length === 0) throw badUserInput('skills must name at least one', { argument: 'skills' });
  const volunteerNumber = change.volunteerNumber === undefined ? volunteer.volunteerNumber : change.volunteerNumber;
  await assertNumberFree(w, volunteerNumber, volunteer.personId);
  await recordsRepository(w.tx).updateVolunteer({
    personId: volunteer.personId,
    regionCode: volunteer.regionCode,
    skills: change.skills ?? volunteer.skills,
    availability: change.availability ?? volunteer.availability,
    volunteerNumber,
  });
  if (volunteerNumber !== volunteer.volunteerNumber) await logPersonChange(w, volunteer.personId, ['corrected:volunteerNumber']);
  return loadVolunteer(w, volunteer.personId);
}

const STATION_MANAGERS = serviceOperation(path.join(__dirname, '..', '..', 'service-operations', 'StationManagersIn.graphql'));
const MOVE_COPIES = serviceOperation(path.join(__dirname, '..', '..', 'service-operations', 'MoveVolunteerCopies.graphql'));

/**
 * 转移接续: a move needs the officers of both communities (a city administrator
 * between districts). The volunteer's history and hours stay theirs, since every
 * subgraph keeps them by the person; what changes is the community they serve, and
 * with it every other subgraph's row placed by it (elder care's time bank account:
 * MoveVolunteerCopies, @civic/shared personMove.ts). The volunteer and the station
 * managers of both communities are told in the same transaction (the directory's
 * outbox); if the stations or the rows' subgraphs cannot be asked, nothing moves here
 * (SERVICE_UNAVAILABLE: retry with the same key; what moved there stays moved).
 */
export async function moveVolunteer(w: W, args: { personId: string; communityCode: string }): Promise<Volunteer> {
  const volunteer = await loadVolunteer(w, args.personId);
  w.require(officerOfRegion, { regionCode: volunteer.regionCode });
  w.require(officerOfRegion, { regionCode: args.communityCode });
  await assertRegionExists(w, args.communityCode, 'communityCode', 'COMMUNITY');
  if (volunteer.regionCode === args.communityCode) return volunteer;
  const { stationManagersIn } = await queryGraph<{ stationManagersIn: string[] }>(w.ctx.graph, "the stations' managers", STATION_MANAGERS, {
    communityCodes: [volunteer.regionCode, args.communityCode],
  });
  await queryGraph(w.ctx.graph, "the volunteer's rows in other subgraphs", MOVE_COPIES, { id: volunteer.personId, community: args.communityCode });
  await recordsRepository(w.tx).updateVolunteer({ ...volunteer, regionCode: args.communityCode });
  const [person, from, to] = await Promise.all([
    loadPerson(w, volunteer.personId),
    w.ctx.loaders.region.load(volunteer.regionCode),
    w.ctx.loaders.region.load(args.communityCode),
  ]);
  await notify(
    w.tx,
    'directory',
    transferNotices({
      volunteerId: volunteer.personId,
      name: person.name,
      from: from?.name ?? volunteer.regionCode,
      to: to?.name ?? args.communityCode,
      stationManagers: stationManagersIn,
      officers: (await officerRepository(w.tx).currentOf([volunteer.regionCode, args.communityCode])).map((a) => a.personId),
    }),
  );
  return loadVolunteer(w, volunteer.personId);
}
