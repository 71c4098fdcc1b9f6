import type { SeedPopulation, SeededRandom } from '@civic/shared';

type Person = SeedPopulation['people'][number];

/** The relationships an emergency contact or carer is recorded with. */
export const RELATIONSHIPS = ['女儿', '儿子', '儿媳', '侄子', '邻居'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

const YEAR_MS = 365.25 * 86_400_000;
/** How much older the elder is than the other person, in years. */
export const yearsOlder = (elder: Person, other: Person): number => (Date.parse(other.birthDate) - Date.parse(elder.birthDate)) / YEAR_MS;
const surnameOf = (p: Person) => p.name?.slice(0, 1);

/** A child (or nephew, or the child's wife) is 18 to 45 years younger than the elder. */
export const PARENT_GAP = { min: 18, max: 45 } as const;

/**
 * Whether `other` can be the elder's `relationship`: a 儿子 or 侄子 is male, a 女儿
 * or 儿媳 female; children and a brother's son carry a father's surname; the
 * generation gap is a parent's. A neighbour is anyone. Names unknown, the surname
 * rule is not checked.
 */
export function canBe(relationship: Relationship, elder: Person, other: Person): boolean {
  if (relationship === '邻居') return true;
  const gap = yearsOlder(elder, other);
  if (gap < PARENT_GAP.min || gap > PARENT_GAP.max) return false;
  const male = relationship === '儿子' || relationship === '侄子';
  if (other.gender !== (male ? 'MALE' : 'FEMALE')) return false;
  const bySurname = relationship !== '儿媳' && elder.gender === 'MALE';
  return !bySurname || !surnameOf(elder) || surnameOf(elder) === surnameOf(other);
}

/**
 * An emergency contact for the elder: the relationship drawn first, then someone
 * of the street (or else the district) who can be it; when nobody can, the next
 * kin relationship, and a neighbour of the street last.
 */
export function pickContact(random: SeededRandom, elder: Person, street: Person[], district: Person[]): { person: Person; relationship: Relationship } {
  const drawn = random.pick(RELATIONSHIPS);
  const order = [drawn, ...RELATIONSHIPS.filter((r) => r !== drawn && r !== '邻居'), '邻居' as const];
  for (const relationship of order) {
    for (const pool of [street, district]) {
      const fit = pool.filter((p) => p.id !== elder.id && canBe(relationship, elder, p));
      if (fit.length) return { person: random.pick(fit), relationship };
    }
  }
  throw new Error(`seed: nobody else in the district of elder ${elder.id}`);
}
