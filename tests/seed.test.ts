import type { DataSource } from 'typeorm';
import { openSubgraphDatabase, SeedOptions } from '@civic/shared';
import { createTestDatabase, TestDatabase, testSubgraphUrls } from '@civic/shared/src/testing';
import { directory } from '@civic/directory/src/module';
import { planDirectorySeed } from '@civic/directory/src/seed';
import { readRegions } from '@civic/directory/src/seed/regions';
import { birthDateFromIdNumber, isValidIdNumber } from '@civic/directory/src/domain/idNumber';
import { isValidMobile } from '@civic/directory/src/domain/phone';
import { idNumberCipher } from '@civic/directory/src/domain/idNumberCipher';
import { directoryConfig } from '@civic/directory/src/config';
import { ORGANIZATION_KINDS } from '@civic/shared';
import { seedIfEmpty } from '../graph/seed';

const OPTIONS: SeedOptions = { seed: 20261123, size: 'demo' };

interface PersonRow {
  id: string;
  name: string;
  birth_date: string;
  phone: string;
  id_number_sealed: Buffer;
  id_number_digest: Buffer;
  region_code: string;
  region_level: string | null;
}

describe('the demo seed of the directory', () => {
  let database: TestDatabase;
  let db: DataSource;
  let seeded: string[];
  let people: PersonRow[];
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openSubgraphDatabase(directory, testSubgraphUrls(database.url, directory.dbSchema), 2);
    seeded = await seedIfEmpty([{ module: directory, dataSource: db }], OPTIONS);
    people = await db.query(`
      SELECT p.id, p.name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.phone,
             p.id_number_sealed, p.id_number_digest, p.region_code, r.level AS region_level
      FROM directory.person p LEFT JOIN directory.region r ON r.code = p.region_code`);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('when the directory is empty, then it is seeded with the planned people; when seeded again, then nothing is added', async () => {
    expect(seeded).toEqual(['directory']);
    expect(people).toHaveLength(planDirectorySeed(OPTIONS).people.length);
    const count = async () => (await db.query(`SELECT (SELECT count(*) FROM directory.person)::int AS people,
      (SELECT count(*) FROM directory.organization)::int AS organizations`))[0];
    const before = await count();
    expect(await seedIfEmpty([{ module: directory, dataSource: db }], OPTIONS)).toEqual([]);
    expect(await count()).toEqual(before);
  });

  it('when a seeded person is read, then the ID number is valid and agrees with birth date and district', () => {
    const cipher = idNumberCipher(directoryConfig().dataKey);
    const wrong = people.filter((p) => {
      const idNumber = cipher.decrypt(p.id_number_sealed);
      return (
        !isValidIdNumber(idNumber) ||
        birthDateFromIdNumber(idNumber) !== p.birth_date ||
        idNumber.slice(0, 6) !== p.region_code.slice(0, 6) ||
        !cipher.digest(idNumber).equals(p.id_number_digest)
      );
    });
    expect(wrong).toEqual([]);
  });

  it('when a seeded person is read, then the mobile is valid and the region is a community of the directory', () => {
    expect(people.filter((p) => !isValidMobile(p.phone)).map((p) => p.phone)).toEqual([]);
    expect(people.filter((p) => p.region_level !== 'COMMUNITY').map((p) => p.region_code)).toEqual([]);
  });

  it('when people are counted by district, then 马尾区 and 洛江区 both have residents', () => {
    const inDistrict = (code: string) => people.filter((p) => p.region_code.startsWith(code)).length;
    expect(inDistrict('350105')).toBeGreaterThan(0);
    expect(inDistrict('350504')).toBeGreaterThan(0);
  });

  it('when organizations are listed, then 洛江区志愿者协会 is there and every kind of organization is represented', async () => {
    const named = await db.query(`SELECT kind, region_code FROM directory.organization WHERE name = '洛江区志愿者协会'`);
    expect(named).toEqual([{ kind: 'ASSOCIATION', region_code: '350504' }]);
    const kinds: { kind: string }[] = await db.query(`SELECT DISTINCT kind FROM directory.organization ORDER BY kind`);
    expect(kinds.map((k) => k.kind)).toEqual([...ORGANIZATION_KINDS].sort());
  });

  it('when the same seed is planned twice, then the plan is identical; when another seed is planned, then it differs', () => {
    const regions = readRegions();
    const plan = planDirectorySeed({ seed: 7, size: 'demo' }, regions);
    expect(planDirectorySeed({ seed: 7, size: 'demo' }, regions)).toEqual(plan);
    const other = planDirectorySeed({ seed: 8, size: 'demo' }, regions);
    expect(other.people).not.toEqual(plan.people);
    expect(other.organizations).not.toEqual(plan.organizations);
  });
});
