import { assertRegionCode, badUserInput } from '@civic/shared';

/** Rows that belong to a place keep the community's 12-digit code. */
export function assertCommunityCode(code: string, argument = 'regionCode'): string {
  assertRegionCode(code, argument);
  if (code.length !== 12) throw badUserInput(`${argument} must be a community or village code (12 digits)`, { argument });
  return code;
}
