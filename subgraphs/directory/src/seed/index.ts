import type { DataSource } from 'typeorm';
import { Faker, base } from '@faker-js/faker';
import { copyRows, secondsSince, seedStep, serviceLogger, type SeedOptions, type SeedSize } from '@civic/shared';
import { generatePeople, SeedPerson } from './people';
import { generateOrganizations, SeedOrganization } from './organizations';
import { readRegions, RegionRecord } from './regions';
import { idNumberCipher } from '../domain/idNumberCipher';
import { directoryConfig } from '../config';

const logger = serviceLogger('seed');

/** Districts the seed documents name: most seeded people live here. */
export const FOCUS_DISTRICTS = ['350105', '350504', '350203', '350206', '350102'];

const SIZES = {
  demo: { focusPeople: 2_000, otherPeople: 1_000, otherDistricts: 12 },
};

/**
 * The generated sizes: people in every community of every district, in two
 * cohorts. The old (66-95, born by 1960) are whom elder care enrols, about
 * 100k at city size and 1.2M at province size (issue 15.5); the working-age
 * (18-65) are their kin and the volunteers, about 200k of them at province size
 * (elder care takes about one in nine; the veteran and station seeds pick theirs
 * from the rest, see README "Seeding at scale").
 */
export const GENERATED_SIZES: Record<Exclude<SeedSize, 'demo'>, { old: number; working: number }> = {
  city: { old: 105_000, working: 75_000 },
  province: { old: 1_250_000, working: 900_000 },
};
/** The old cohort's ages: elder care enrols everyone born in 1960 or before (seed/plan.ts). */
export const OLD_AGES = { minAge: 66, maxAge: 95 } as const;
export const WORKING_AGES = { minAge: 18, maxAge: 65 } as const;

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
  if (options.size !== 'demo') return planGeneratedDirectory(options.seed, GENERATED_SIZES[options.size], regions);
  const size = SIZES[options.size];
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

/** People in every community (two cohorts, see GENERATED_SIZES), and the organisations of every district. */
export function planGeneratedDirectory(seed: number, size: { old: number; working: number }, regions: RegionRecord[]): DirectorySeed {
  const communities = regions.filter((r) => r.code.length === 12).map((r) => r.code);
  const started = Date.now();
  const onProgress = (cohort: string) => (made: number) =>
    logger.info({ subgraph: 'directory', step: `plan ${cohort}`, rows: made, seconds: secondsSince(started) }, `directory: planned ${made} ${cohort} people`);
  const people = [
    ...generatePeople({ seed, count: size.old, communityCodes: communities, ...OLD_AGES, onProgress: onProgress('old') }),
    ...generatePeople({ seed: seed + 1, count: size.working, communityCodes: communities, ...WORKING_AGES, onProgress: onProgress('working-age') }),
  ];
  const organizations = generateOrganizations(
    seed,
    regions.filter((r) => r.code.length === 6),
    regions.filter((r) => r.code.length === 9),
  );
  return { people: dedupeIdNumbers(people).map(withoutPhoneIfVeryOld), organizations };
}

/** The two generator calls draw ID numbers independently; keep the first of any clash. */
function dedupeIdNumbers(people: SeedPerson[]): SeedPerson[] {
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.idNumber) && seen.add(p.idNumber));
}

/** People per COPY statement: a progress line each (a province's two million take minutes to seal). */
const CHUNK = 100_000;

export async function seedDirectory(db: DataSource, options: SeedOptions): Promise<DirectorySeed> {
  const plan = await seedStep(
    'directory',
    'plan people and organizations',
    (p) => p.people.length + p.organizations.length,
    () => planDirectorySeed(options),
  );
  const cipher = idNumberCipher(directoryConfig().dataKey);
  await db.transaction(async (tx) => {
    await tx.query(`/* seedQuickCommit */ SET LOCAL synchronous_commit = off`);
    for (let i = 0; i < plan.people.length; i += CHUNK) {
      const chunk = plan.people.slice(i, i + CHUNK);
      // Each ID number sealed as registerPerson seals it (AES-256-GCM and its keyed digest), streamed in by COPY.
      await seedStep('directory', `person ${i + chunk.length} of ${plan.people.length}`, chunk.length, () =>
        copyRows(
          tx,
          'directory.person',
          ['id', 'name', 'gender', 'birth_date', 'phone', 'has_phone', 'id_number_sealed', 'id_number_digest', 'region_code'],
          (function* () {
            for (const p of chunk)
              yield [p.id, p.name, p.gender, p.birthDate, p.phone, p.phone !== null, cipher.encrypt(p.idNumber), cipher.digest(p.idNumber), p.regionCode];
          })(),
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
