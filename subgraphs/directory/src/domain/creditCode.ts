/**
 * 统一社会信用代码, the unified social credit code (GB 32100-2015): 18 characters
 *   1 registering authority · 1 kind of body · 6 region code · 9 organisation code · 1 check
 * drawn from 0-9 and the capitals without I, O, S, V and Z (31 characters, each worth
 * its index below). The check character makes Σ value(cᵢ)·wᵢ + value(c₁₈) ≡ 0 (mod 31),
 * with wᵢ = 3^(i-1) mod 31.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for the first 17 characters (which must be from the code's set). */
export function creditCodeCheckCharacter(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) throw new Error('creditCodeCheckCharacter expects 17 characters of the code set');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** Why a code is refused, or null when it is well formed and its check character agrees. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return 'a unified social credit code has 18 characters';
  if (!CODE_PATTERN.test(code)) return 'a unified social credit code uses only 0-9 and A-Z without I, O, S, V and Z';
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return 'the check character (the 18th) does not match the first 17';
  return null;
}

export const isValidCreditCode = (code: string): boolean => typeof code === 'string' && creditCodeProblem(code) === null;
