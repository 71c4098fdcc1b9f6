import { auditLog, type Write } from '@civic/shared';
import { PERSONAL_DATA_ACCESS, type DirectoryContext } from '../context';
import type { Person } from '../entities/Person';
import { recordsRepository } from '../repositories/records';
import { dataSubjectOrOfficer } from '../domain/writeRules';
import { ERASED_NAME } from '../domain/erasure';
import { loadPerson } from './people';

/**
 * PIPL Art. 47: the person's identifying data goes, their record stays a tombstone
 * (repositories/records.ts `erasePerson`), so every id held elsewhere (ledgers,
 * requests, attendance, rota) still names someone and every total is unchanged.
 * The directory is the graph's only holder of identifying data (the other subgraphs
 * keep ids: `tests/personalData.e2e.test.ts` scans their columns), so nothing else
 * needs to be told. The erasure is logged in the same transaction, under the
 * person's id, with the field `erased`; a second erasure returns the tombstone and
 * logs nothing more.
 */
export async function erasePerson(w: Write<DirectoryContext>, args: { personId: string }): Promise<Person> {
  const person = await loadPerson(w, args.personId);
  w.require(dataSubjectOrOfficer, { personId: person.id, regionCode: person.regionCode });
  if (person.erasedAt) return person;
  await recordsRepository(w.tx).erasePerson(person.id, ERASED_NAME);
  await auditLog(w.tx, PERSONAL_DATA_ACCESS).append(w.identity, w.ctx.trace.requestId, [
    { subjectId: person.id, fields: ['erased'], operation: w.ctx.trace.operation ?? w.operation },
  ]);
  return loadPerson(w, person.id);
}
