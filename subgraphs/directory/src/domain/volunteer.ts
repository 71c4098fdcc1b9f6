import { badUserInput } from '@civic/shared';
import { looksLikeGraphNumber } from './graphVolunteerNumber';

/**
 * What a volunteer can offer: a small vocabulary, so that a station can search by it
 * (free text would never match). Mirrors the SDL enum VolunteerSkill.
 */
export const VOLUNTEER_SKILLS = [
  'COMPANIONSHIP', // 陪伴聊天
  'ERRANDS', // 代购代办
  'MEAL_DELIVERY', // 助餐送餐
  'HOUSEKEEPING', // 家政保洁
  'REPAIRS', // 家电维修
  'HAIRCUT', // 义剪
  'HEALTH_CHECK', // 健康监测 (blood pressure, sugar)
  'ESCORT', // 陪同就医
  'DIGITAL_HELP', // 智能手机帮教
  'LEGAL_AID', // 法律咨询
  'PATROL', // 治安巡逻
] as const;
export type VolunteerSkill = (typeof VOLUNTEER_SKILLS)[number];

const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
/** The fourteen half-days of a week, MON_AM … SUN_PM (the SDL enum WeekHalfDay). */
export const WEEK_HALF_DAYS = DAYS.flatMap((day) => [`${day}_AM`, `${day}_PM`]);

/**
 * 志愿者编号 as the national volunteer service information system (全国志愿服务信息系统)
 * shows it. The graph checks its shape only: 8 to 20 digits or capital letters
 * (spaces and dashes as people type them are dropped). No check character is
 * published, so none is verified. The graph's own numbers (CGV…, graphVolunteerNumber.ts)
 * are not taken as national ones.
 */
export function parseVolunteerNumber(value: string | null | undefined, argument = 'volunteerNumber'): string | null {
  if (value == null) return null;
  const number = value.replace(/[\s-]/g, '').toUpperCase();
  if (number === '') return null;
  if (!/^[0-9A-Z]{8,20}$/.test(number)) {
    throw badUserInput(`${argument} must be 8 to 20 digits or capital letters`, { argument });
  }
  // The graph gives its own numbers itself; one typed in as national would pass for one.
  if (looksLikeGraphNumber(number)) throw badUserInput(`${argument}: CGV… numbers are the graph's own, given at registration`, { argument });
  return number;
}

/** A list of vocabulary values, each once, in the vocabulary's order (so equal sets compare equal). */
export function vocabularySet<T extends string>(values: readonly string[], vocabulary: readonly T[], argument: string, atLeastOne: boolean): T[] {
  if (atLeastOne && values.length === 0) throw badUserInput(`${argument} must name at least one`, { argument });
  const unknown = values.find((value) => !(vocabulary as readonly string[]).includes(value));
  if (unknown !== undefined) throw badUserInput(`${argument}: ${unknown} is not one of ${vocabulary.join(', ')}`, { argument });
  return vocabulary.filter((value) => values.includes(value));
}
