import type { Person } from '../entities/Person';
import { ageOn } from './age';

export { ERASED_NAME } from '@civic/shared';

/** The year of birth: from the date while it is kept, from `birthYear` once the person is erased. */
export function yearOfBirth(person: Pick<Person, 'birthDate' | 'birthYear'>): number {
  return person.birthDate ? Number(String(person.birthDate).slice(0, 4)) : Number(person.birthYear);
}

/** Age in whole years; an erased person's only from the year kept (as if born on 1 January). */
export function ageOf(person: Pick<Person, 'birthDate' | 'birthYear'>, today: string): number {
  return person.birthDate ? ageOn(String(person.birthDate), today) : Number(today.slice(0, 4)) - yearOfBirth(person);
}
