import type { DataSource } from 'typeorm';
import { Faker, base } from '@faker-js/faker';
import { seedStep, type SeedOptions } from '@civic/shared';
import { generatePeople, SeedPerson } from './people';
import { generateOrganizations, SeedOrganization } from './organizations';
import { readRegions, RegionRecord } from './regions';
import { idNumberCipher } from '../domain/idNumberCipher';
import { directoryConfig } from '../config';

/** Districts the seed documents name: most seeded people live here. */
export const FOCUS_DISTRICTS = ['350105', '350504', '350203', '350206', '350102'];

const SIZES = {
  demo: { focusPeople: 2_000, otherPeople: 1_000, otherDistricts: 12 },
  city: { focusPeople: 60_000, otherPeople: 140_000, otherDistricts: 84 },
};

/** A seeded person as stored: `phone` null for those who have none. */
export type DirectorySeedPerson = Omit<SeedPerson, 'phone'> & { phone: string | null };

export interface DirectorySeed {
  people: DirectorySeedPerson[];
  organizations: SeedOrganization[];
}

/** Born by then, 80 or older in the seed's year (2026). */
const EIGHTY_IN_2026 = 1946;
/**
 * About one in five of the very old has no phone of their own (others act for
 * them): chosen by the last two digits of the number they were drawn, so no
 * other draw moves.
 */
export function withoutPhoneIfVeryOld(person: SeedPerson): DirectorySeedPerson {
  return +person.birthDate.slice(0, 4) <= EIGHTY_IN_2026 && Number(person.phone.slice(-2)) < 20 ? { ...person, phone: null } : person;
}

/** Plans the directory's seed rows without touching the database. */
export function planDirectorySeed(options: SeedOptions, regions: RegionRecord[] = readRegions()): DirectorySeed {
  const size = SIZES[options.size === 'province' ? 'city' : options.size];
  const faker = new Faker({ locale: [base], seed: options.seed });
  const districts = regions.filter((r) => r.code.length === 6);
  const others = faker.helpers.arrayElements(
    districts.filter((d) => !FOCUS_DISTRICTS.includes(d.code)),
    size.otherDistricts,
  );
  const inDistricts = (codes: string[], length: number) => regions.filter((r) => r.code.length === length && codes.some((c) => r.code.startsWith(c)));
  const otherCodes = others.map((d) => d.code);
  const people = [
    ...generatePeople({ seed: options.seed, count: size.focusPeople, communityCodes: inDistricts(FOCUS_DISTRICTS, 12).map((r) => r.code) }),
    ...generatePeople({ seed: options.seed + 1, count: size.otherPeople, communityCodes: inDistricts(otherCodes, 12).map((r) => r.code) }),
  ];
  const seededDistricts = [...districts.filter((d) => FOCUS_DISTRICTS.includes(d.code)), ...others];
  const organizations = generateOrganizations(
    options.seed,
    seededDistricts,
    inDistricts(
      seededDistricts.map((d) => d.code),
      9,
    ),
  );
  return { people: dedupeIdNumbers(people).map(withoutPhoneIfVeryOld), organizations };
}

/** The two generator calls draw ID numbers independently; keep the first of any clash. */
function dedupeIdNumbers(people: SeedPerson[]): SeedPerson[] {
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.idNumber) && seen.add(p.idNumber));
}

const BATCH = 5_000;

export async function seedDirectory(db: DataSource, options: SeedOptions): Promise<DirectorySeed> {
  const plan = await seedStep(
    'directory',
    'plan people and organizations',
    (p) => p.people.length + p.organizations.length,
    () => planDirectorySeed(options),
  );
  const cipher = idNumberCipher(directoryConfig().dataKey);
  await db.transaction(async (tx) => {
    for (let i = 0; i < plan.people.length; i += BATCH) {
      const batch = plan.people.slice(i, i + BATCH);
      const step = `person ${i + batch.length} of ${plan.people.length}`;
      await seedStep('directory', step, batch.length, () =>
        tx.query(
          `/* seedPeople */ INSERT INTO directory.person
           (id, name, gender, birth_date, phone, has_phone, id_number_sealed, id_number_digest, region_code)
         SELECT id, name, gender, birth_date, phone, phone IS NOT NULL, sealed, digest, region_code
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::bytea[], $7::bytea[], $8::text[])
           AS p(id, name, gender, birth_date, phone, sealed, digest, region_code)`,
          [
            batch.map((p) => p.id),
            batch.map((p) => p.name),
            batch.map((p) => p.gender),
            batch.map((p) => p.birthDate),
            batch.map((p) => p.phone),
            batch.map((p) => cipher.encrypt(p.idNumber)),
            batch.map((p) => cipher.digest(p.idNumber)),
            batch.map((p) => p.regionCode),
          ],
        ),
      );
    }
    await tx.query(
      `/* seedOrganizations */ INSERT INTO directory.organization (id, name, kind, region_code)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
      [
        plan.organizations.map((o) => o.id),
        plan.organizations.map((o) => o.name),
        plan.organizations.map((o) => o.kind),
        plan.organizations.map((o) => o.regionCode),
      ],
    );
  });
  return plan;
}
