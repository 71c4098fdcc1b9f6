import { DataSource, In } from 'typeorm';
import { Person } from '../entities/Person';

export function personRepository(db: DataSource) {
  const people = db.getRepository(Person);
  return {
    findByIds: (ids: readonly string[]) => people.findBy({ id: In([...ids]) }),
    count: () => people.count(),
  };
}
export type PersonRepository = ReturnType<typeof personRepository>;
