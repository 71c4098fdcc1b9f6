import type { ElderCondition } from './vocabulary';

export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH';

/** 高龄, 独居, 失能 are the elders served first (seed 000); the others add to their need. */
const WEIGHT: Record<ElderCondition, number> = {
  DISABLED: 3,
  LIVING_ALONE: 2,
  ADVANCED_AGE: 2,
  EMPTY_NEST: 1,
  LOW_INCOME: 1,
};

/** HIGH from 4 points (e.g. disabled and poor, or very old and alone), MEDIUM from 2. */
export function riskLevel(conditions: readonly ElderCondition[]): RiskLevel {
  const score = [...new Set(conditions)].reduce((sum, c) => sum + (WEIGHT[c] ?? 0), 0);
  if (score >= 4) return 'HIGH';
  if (score >= 2) return 'MEDIUM';
  return 'LOW';
}

/** Priority elders (living alone or disabled) may be granted hours from the community's donation pool. */
export function isPriorityElder(conditions: readonly ElderCondition[]): boolean {
  return conditions.includes('LIVING_ALONE') || conditions.includes('DISABLED');
}
