import path from 'node:path';
import { eraseCopiesAcrossGraph, serviceOperation, type Write } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { Person } from '../entities/Person';
import { recordsRepository } from '../repositories/records';
import { dataSubjectOrOfficer } from '../domain/writeRules';
import { ERASED_NAME } from '../domain/erasure';
import { loadPerson, logPersonChange } from './people';

/** Each subgraph's part of an erasure (its `erasureWrite`), by its mutation's name. */
/** Every other subgraph's part of the erasure, one field each (COPY_HOLDERS of the DEVELOPERS rule). */
const COPY_HOLDERS = serviceOperation(path.join(__dirname, '..', '..', 'service-operations', 'ErasePersonCopies.graphql'));

/**
 * PIPL Art. 47: the person's identifying data goes, their record stays a tombstone
 * (repositories/records.ts `erasePerson`), so every id held elsewhere (ledgers,
 * requests, attendance, rota) still names someone and every total is unchanged.
 * The directory is the graph's only holder of identifying data (the other subgraphs
 * keep ids: `tests/personalData.e2e.test.ts` scans their columns); the free text some
 * keep beside a person's id is dropped by their own part of the erasure, called first
 * (COPY_HOLDERS, @civic/shared erasure.ts): if one cannot answer, the erasure fails
 * as SERVICE_UNAVAILABLE and nothing here changes. The erasure is logged in the same
 * transaction, under the person's id, with the field `erased`; a second erasure
 * returns the tombstone and logs nothing more.
 */
export async function erasePerson(w: Write<DirectoryContext>, args: { personId: string }): Promise<Person> {
  const person = await loadPerson(w, args.personId);
  w.require(dataSubjectOrOfficer, { personId: person.id, regionCode: person.regionCode });
  if (person.erasedAt) return person;
  await eraseCopiesAcrossGraph(w.ctx.graph, COPY_HOLDERS, person.id);
  await recordsRepository(w.tx).erasePerson(person.id, ERASED_NAME);
  await logPersonChange(w, person.id, ['erased']);
  return loadPerson(w, person.id);
}
