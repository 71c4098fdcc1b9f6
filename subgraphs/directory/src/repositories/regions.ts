import { DataSource, In } from 'typeorm';
import { Region } from '../entities/Region';

export function regionRepository(db: DataSource) {
  const regions = db.getRepository(Region);
  return {
    /** One query for any number of codes: the batch behind the region loader. */
    findByCodes: (codes: readonly string[]) => regions.findBy({ code: In([...codes]) }),

    /** The children of many regions at once, in code order. */
    findChildren: (parentCodes: readonly string[]) => regions.find({ where: { parentCode: In([...parentCodes]) }, order: { code: 'ASC' } }),

    count: () => regions.count(),
  };
}
export type RegionRepository = ReturnType<typeof regionRepository>;
