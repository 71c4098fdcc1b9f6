import { badUserInput, requiredText } from '@civic/shared';
import type { Gender } from '../entities/Person';
import { birthDateFromIdNumber, genderFromIdNumber, isValidIdNumber } from './idNumber';
import { isValidMobile } from './phone';

/** A name as the ID card prints it: 1 to 64 characters, inner spaces kept (维吾尔族 names use a dot, others a space). */
export const personName = (value: string, argument = 'name'): string => requiredText(value, 64, argument);

/** A mainland mobile number, or none; spaces and dashes as people type them are dropped. */
export function parsePhone(value: string | null | undefined, argument = 'phone'): string | null {
  if (value == null) return null;
  const phone = value.replace(/[\s-]/g, '');
  if (phone === '') return null;
  if (!isValidMobile(phone)) throw badUserInput(`${argument} must be a mainland mobile number of 11 digits`, { argument });
  return phone;
}

/**
 * The real-name check: a resident ID number (GB 11643) with its check character,
 * whose birth date and gender digit agree with the ones given. A lower-case x is
 * taken as the X it stands for.
 */
export function parseIdNumber(value: string, birthDate: string, gender: Gender, argument = 'idNumber'): string {
  const idNumber = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) throw badUserInput(`${argument} must be 17 digits and a check character (0-9 or X)`, { argument });
  if (!isValidIdNumber(idNumber)) {
    throw badUserInput(`${argument} is not a valid resident ID number: its check character or its birth date is wrong`, { argument });
  }
  if (birthDateFromIdNumber(idNumber) !== birthDate) {
    throw badUserInput(`${argument} says the person was born on ${birthDateFromIdNumber(idNumber)}, not ${birthDate}`, { argument });
  }
  if (genderFromIdNumber(idNumber) !== gender) {
    throw badUserInput(`${argument}'s gender digit says ${genderFromIdNumber(idNumber)}, not ${gender}`, { argument });
  }
  return idNumber;
}

/** A community's code: 12 digits (its existence is checked against the directory). */
export function communityCode(value: string, argument: string): string {
  if (!/^\d{12}$/.test(value)) throw badUserInput(`${argument} must be a community's 12-digit code`, { argument });
  return value;
}
