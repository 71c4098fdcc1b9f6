import type { DataSource } from 'typeorm';
import type { SeedPopulation } from '@civic/shared';

/** Everyone and every organisation in the directory, and every region's name, for the domain seeds to refer to. */
export async function readPopulation(db: DataSource): Promise<SeedPopulation> {
  const people = await db.query(
    `/* seedPopulationPeople */ SELECT id, name, gender, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", region_code AS "regionCode"
     FROM directory.person ORDER BY id`,
  );
  const organizations = await db.query(
    `/* seedPopulationOrganizations */ SELECT id, name, kind, region_code AS "regionCode" FROM directory.organization ORDER BY id`,
  );
  // Every region's name (some 19,000 rows): seeds name teams after places, and neighbour-stations places a centre in every community.
  const regions = await db.query(`/* seedPopulationRegions */ SELECT code, name FROM directory.region ORDER BY code`);
  return { people, organizations, regions };
}
