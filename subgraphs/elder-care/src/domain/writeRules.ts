import { coversRegion, hasRole, writeRule } from '@civic/shared';
import { elderSide, type ElderFacts, type RequestAction, type RequestFacts, stepActor, stepRefusal } from './requestFlow';

/**
 * The data-dependent rules of elder care's writes, named for their declarations
 * (resolvers/Mutation.ts) and applied by the services inside the transaction.
 */

/** 点单 is for the elder's side: the elder, recorded family, the station managers and officers of the elder's region, city administrators. */
export const elderSideRule = writeRule<ElderFacts>(
  'elderSide',
  "requests are placed by the elder, their family, or the officials of the elder's region",
  (identity, elder) => elderSide(identity, elder) !== null,
);

/** Each step of a request is for the side its lifecycle names (domain/requestFlow.ts). */
export const requestStepRule = writeRule<{ action: RequestAction; request: RequestFacts; elder: ElderFacts }>(
  'requestStep',
  (facts) => stepRefusal(facts.action),
  (identity, facts) => stepActor(facts.action, facts.request, facts.elder, identity) !== null,
);

/** Pool hours are granted by the officers of the elder's region (and city administrators). */
export const officerOfElderRegionRule = writeRule<{ regionCode: string }>(
  'officerOfElderRegion',
  "grants are made by the officers of the elder's region",
  (identity, elder) => hasRole(identity, 'CITY_ADMIN') || (hasRole(identity, 'DISTRICT_OFFICER') && coversRegion(identity, elder.regionCode)),
);

/** Hours are redeemed for oneself, or for an elder one is recorded as family of. */
export const beneficiaryRule = writeRule<{ beneficiaryId: string; isFamily: boolean }>(
  'selfOrFamily',
  'hours are redeemed for oneself or for an elder one is recorded as family of',
  (identity, facts) => facts.beneficiaryId === identity.sub || facts.isFamily,
);
