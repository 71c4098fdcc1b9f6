import { DataSource, In } from 'typeorm';
import { Person } from '../entities/Person';
import { Volunteer } from '../entities/Volunteer';

export function personRepository(db: DataSource) {
  const people = db.getRepository(Person);
  return {
    findByIds: (ids: readonly string[]) => people.findBy({ id: In([...ids]) }),
    /** The volunteer records of many people at once: the batch behind Person.volunteer. */
    findVolunteers: (personIds: readonly string[]) => db.getRepository(Volunteer).findBy({ personId: In([...personIds]) }),
    count: () => people.count(),
  };
}
export type PersonRepository = ReturnType<typeof personRepository>;
