import type { DataSource } from 'typeorm';
import type { SeedPopulation } from '@civic/shared';

/** Everyone and every organisation in the directory, for the domain seeds to refer to. */
export async function readPopulation(db: DataSource): Promise<SeedPopulation> {
  const people = await db.query(
    `/* seedPopulationPeople */ SELECT id, name, gender, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", region_code AS "regionCode"
     FROM directory.person ORDER BY id`,
  );
  const organizations = await db.query(
    `/* seedPopulationOrganizations */ SELECT id, name, kind, region_code AS "regionCode" FROM directory.organization ORDER BY id`,
  );
  const regions = await db.query(
    `/* seedPopulationRegions */ SELECT code, name FROM directory.region
     WHERE code IN (SELECT DISTINCT region_code FROM directory.person UNION SELECT DISTINCT left(region_code, 6) FROM directory.person) ORDER BY code`,
  );
  return { people, organizations, regions };
}
