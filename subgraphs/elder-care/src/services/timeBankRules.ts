import type { Write } from '@civic/shared';
import { beneficiaryRule, officerOfElderRegionRule } from '../domain/writeRules';
import { elderRepository } from '../repositories/elders';

/**
 * The time bank's named rules, applied in the write's transaction before the time
 * bank functions run (services/timeBank.ts keeps its own checks as a second line).
 * An unknown elder is left to the time bank to answer NOT_FOUND.
 */
export async function requireGrantor(w: Write, elderId: string): Promise<void> {
  const [elder] = await elderRepository(w.tx).findByIds([elderId]);
  if (elder) w.require(officerOfElderRegionRule, elder);
}

export async function requireBeneficiary(w: Write, beneficiaryId: string | null): Promise<void> {
  if (!beneficiaryId || beneficiaryId === w.actor) return;
  w.require(beneficiaryRule, { beneficiaryId, isFamily: await elderRepository(w.tx).isCarerOfPerson(w.actor, beneficiaryId) });
}
