import { assertRegionCode, assertUuid, badUserInput, optionalText, requiredText } from '@civic/shared';
import type { ElderCondition, ServiceCategory } from './vocabulary';

/** A family member or other resident and how they are related to the elder (女儿, 儿子, 邻居 …). */
export interface Relation {
  personId: string;
  relationship: string;
}

export interface ElderRegistration {
  personId: string;
  regionCode: string;
  conditions: ElderCondition[];
  careNeeds: ServiceCategory[];
  careNote: string | null;
  carers: Relation[];
  emergencyContact: Relation | null;
}

export interface RelationInput {
  personId: string;
  relationship: string;
}

export interface RegisterElderInput {
  personId: string;
  communityCode: string;
  conditions?: ElderCondition[] | null;
  careNeeds?: ServiceCategory[] | null;
  careNote?: string | null;
  carers?: RelationInput[] | null;
  emergencyContact?: RelationInput | null;
}

/** `prefix` names the argument the relation came in, e.g. `input.carers[0].` ('' for top-level arguments). */
export function parseRelation(input: RelationInput, prefix: string): Relation {
  return {
    personId: assertUuid(input.personId, `${prefix}personId`),
    relationship: requiredText(input.relationship, 20, `${prefix}relationship`),
  };
}

/** Each condition once: the risk level counts a condition once anyway (domain/risk.ts). */
export const distinctConditions = (conditions: readonly ElderCondition[] | null | undefined): ElderCondition[] => [...new Set(conditions ?? [])];

/**
 * A registration as the service stores it. An elder lives in a community (12
 * digits); a carer is someone other than the elder, recorded once.
 */
export function parseRegistration(input: RegisterElderInput): ElderRegistration {
  const personId = assertUuid(input.personId, 'input.personId');
  const regionCode = assertRegionCode(input.communityCode, 'input.communityCode');
  if (regionCode.length !== 12) throw badUserInput('an elder lives in a community: give its 12-digit code', { argument: 'input.communityCode' });
  const carers = (input.carers ?? []).map((c, i) => parseRelation(c, `input.carers[${i}].`));
  const carerIds = carers.map((c) => c.personId);
  if (carerIds.includes(personId)) throw badUserInput('an elder is not their own carer', { argument: 'input.carers' });
  if (new Set(carerIds).size !== carerIds.length) throw badUserInput('each carer once', { argument: 'input.carers' });
  const emergencyContact = input.emergencyContact ? parseRelation(input.emergencyContact, 'input.emergencyContact.') : null;
  if (emergencyContact?.personId === personId) throw badUserInput('an elder is not their own emergency contact', { argument: 'input.emergencyContact' });
  return {
    personId,
    regionCode,
    conditions: distinctConditions(input.conditions),
    careNeeds: [...new Set(input.careNeeds ?? [])],
    careNote: optionalText(input.careNote, 500, 'input.careNote'),
    carers,
    emergencyContact,
  };
}
