import { alreadyRegistered, assertRegionCode, assertUuid, badUserInput, chinaToday, optionalText, type Write } from '@civic/shared';
import type { VeteranVolunteersContext } from '../context';
import { overseesRule } from '../domain/access';
import { checkServiceYears } from '../domain/service';
import { veteranRepository, type NewVeteran, type VeteranRow } from '../repositories/veterans';

export interface RegisterVeteranInput {
  personId: string;
  communityCode: string;
  enlistmentYear: number;
  dischargeYear: number;
  partyMember?: boolean | null;
  skills?: string[] | null;
}

export type VeteranRegistration = Omit<NewVeteran, 'enlistmentYear' | 'dischargeYear'> & { enlistmentYear: number; dischargeYear: number };

const currentYear = () => Number(chinaToday().slice(0, 4));

/** The registration's own checks; those needing the birth date wait for the directory (registerVeteran). */
export function parseRegistration(input: RegisterVeteranInput): VeteranRegistration {
  const regionCode = assertRegionCode(input.communityCode, 'input.communityCode');
  if (regionCode.length !== 12) throw badUserInput('a veteran is registered in a community: give its 12-digit code', { argument: 'input.communityCode' });
  const skills = (input.skills ?? []).map((skill, i) => optionalText(skill, 30, `input.skills[${i}]`)).filter((s): s is string => s !== null);
  if (skills.length > 20) throw badUserInput('at most 20 skills', { argument: 'input.skills' });
  return {
    personId: assertUuid(input.personId, 'input.personId'),
    regionCode,
    enlistmentYear: input.enlistmentYear,
    dischargeYear: input.dischargeYear,
    partyMember: input.partyMember ?? false,
    skills: [...new Set(skills)],
  };
}

const alreadyAVeteran = (existing: VeteranRow) => alreadyRegistered(`this person is already a veteran (${existing.id})`, existing.id);

/**
 * Makes a person of the directory a veteran of a community. The caller's region
 * is checked first; the enlistment age against the year of birth the directory
 * holds, asked through the graph.
 */
export async function registerVeteran(w: Write<VeteranVolunteersContext>, args: VeteranRegistration): Promise<VeteranRow> {
  w.require(overseesRule, args);
  const veterans = veteranRepository(w.tx);
  const existing = await veterans.findByPersonId(args.personId);
  if (existing) throw alreadyAVeteran(existing);
  const person = await w.ctx.people.find(args.personId);
  if (!person) throw badUserInput('no person with this id in the directory', { argument: 'input.personId' });
  checkServiceYears(args, person.birthYear, currentYear());
  const { row: veteran, made } = await veterans.insert(args);
  if (!made) throw alreadyAVeteran(veteran);
  return veteran;
}
