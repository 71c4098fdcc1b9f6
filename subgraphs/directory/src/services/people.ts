import { alreadyRegistered, auditLog, badUserInput, conflict, notFound, type Write } from '@civic/shared';
import { PERSONAL_DATA_ACCESS } from '../context';
import type { DirectoryContext } from '../context';
import type { Gender, Person } from '../entities/Person';
import { recordsRepository } from '../repositories/records';
import { actsAsOfficer, officerOfRegion, registrarOfRegion, selfService } from '../domain/writeRules';

type W = Write<DirectoryContext>;

/** A region code given as an argument must name a region of the wanted level that exists. */
export async function assertRegionExists(w: W, code: string, argument: string, level?: 'COMMUNITY'): Promise<void> {
  const found = await recordsRepository(w.tx).regionLevel(code);
  if (!found || (level && found !== level)) {
    throw badUserInput(`${argument} ${code} is not ${level === 'COMMUNITY' ? 'a community' : 'a region'} of the directory`, { argument });
  }
}

/** CONFLICT naming the record that already holds the value, so the caller can go to it. */
export const duplicate = (what: string, existingId: string) => alreadyRegistered(`${what} is already registered: ${existingId}`, existingId);

export async function loadPerson(w: W, id: string): Promise<Person> {
  const person = await recordsRepository(w.tx).person(id);
  if (!person) throw notFound(`no person ${id}`);
  return person;
}

/**
 * A change to a person's data, logged in the directory's access log in the write's
 * own transaction (PIPL: every step of a person's rights is audited): `corrected:<field>`
 * for a correction, `erased` for an erasure. No log, no change.
 */
export async function logPersonChange(w: W, personId: string, fields: string[]): Promise<void> {
  if (fields.length === 0) return;
  await auditLog(w.tx, PERSONAL_DATA_ACCESS).append(w.identity, w.ctx.trace.requestId, [
    { subjectId: personId, fields: [...fields].sort(), operation: w.ctx.trace.operation ?? w.operation },
  ]);
}

/** An erased person's tombstone takes no new personal data: CONFLICT (after the caller's rights are checked). */
export function assertNotErased(person: Pick<Person, 'id' | 'erasedAt'>): void {
  if (person.erasedAt) throw conflict(`person ${person.id} has been erased: their record is kept only as a tombstone`);
}

export interface NewPerson {
  name: string;
  gender: Gender;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  homeCommunityCode: string;
}

export async function registerPerson(w: W, input: NewPerson): Promise<Person> {
  w.require(registrarOfRegion, { regionCode: input.homeCommunityCode });
  await assertRegionExists(w, input.homeCommunityCode, 'homeCommunityCode', 'COMMUNITY');
  const records = recordsRepository(w.tx);
  const digest = w.ctx.idNumbers.digest(input.idNumber);
  const { row, made } = await records.insertPerson({
    name: input.name,
    gender: input.gender,
    birthDate: input.birthDate,
    phone: input.phone,
    sealed: w.ctx.idNumbers.encrypt(input.idNumber),
    digest,
    regionCode: input.homeCommunityCode,
  });
  if (!made) throw duplicate('this ID number', row.id);
  return loadPerson(w, row.id);
}

export interface PersonChange {
  id: string;
  name?: string;
  /** null removes the number */
  phone?: string | null;
  homeCommunityCode?: string;
}

export async function updatePerson(w: W, change: PersonChange): Promise<Person> {
  const person = await loadPerson(w, change.id);
  const fields = (['name', 'phone', 'homeCommunityCode'] as const).filter((field) => change[field] !== undefined);
  const self = { personId: person.id, fields, allowed: ['phone'] };
  if (!actsAsOfficer(w.identity) && selfService.allows(w.identity, self)) {
    w.require(selfService, self);
  } else {
    w.require(officerOfRegion, { regionCode: person.regionCode });
    if (change.homeCommunityCode !== undefined) w.require(officerOfRegion, { regionCode: change.homeCommunityCode });
  }
  assertNotErased(person);
  if (change.homeCommunityCode !== undefined) await assertRegionExists(w, change.homeCommunityCode, 'homeCommunityCode', 'COMMUNITY');
  // A number given means the person has a phone after all: the mark goes with it.
  const phone = change.phone === undefined ? person.phone : change.phone;
  const hasPhone = change.phone ? true : person.hasPhone;
  await recordsRepository(w.tx).updatePerson(person.id, {
    name: change.name ?? person.name,
    phone,
    hasPhone,
    actedForBy: hasPhone ? null : person.actedForBy,
    regionCode: change.homeCommunityCode ?? person.regionCode,
  });
  await logPersonChange(
    w,
    person.id,
    fields.map((field) => `corrected:${field}`),
  );
  return loadPerson(w, person.id);
}

export async function markPersonWithoutPhone(w: W, args: { id: string; actedForById: string | null }): Promise<Person> {
  const person = await loadPerson(w, args.id);
  w.require(officerOfRegion, { regionCode: person.regionCode });
  assertNotErased(person);
  if (args.actedForById === person.id) throw badUserInput('actedForById must be someone else: they act for the person', { argument: 'actedForById' });
  if (args.actedForById && !(await recordsRepository(w.tx).person(args.actedForById))) {
    throw badUserInput(`actedForById ${args.actedForById} is not a person of the directory`, { argument: 'actedForById' });
  }
  await recordsRepository(w.tx).updatePerson(person.id, {
    name: person.name,
    phone: null,
    hasPhone: false,
    actedForBy: args.actedForById,
    regionCode: person.regionCode,
  });
  await logPersonChange(w, person.id, ['corrected:hasPhone']);
  return loadPerson(w, person.id);
}
