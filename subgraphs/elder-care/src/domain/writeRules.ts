import { coversRegion, writeRule } from '@civic/shared';
import { mayGrantFromPool } from './access';
import { elderSide, type ElderFacts, isElderSideOf, type RequestAction, type RequestFacts, stepActor, stepRefusal } from './requestFlow';
import { type HoursAction, type HoursFacts, reviewer, reviewRefusal } from './hoursReview';

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

/**
 * No self-dealing (issue 13.5): the elder, whoever placed the request, a recorded
 * carer or the emergency contact never claim it (applied before requestStep, so
 * the refusal says why).
 */
export const noSelfDealingRule = writeRule<{ request: Pick<RequestFacts, 'requestedBy'>; elder: ElderFacts }>(
  'noSelfDealing',
  "the elder, whoever placed the request and the elder's family do not claim it",
  (identity, facts) => !identity.sub || !isElderSideOf(identity.sub, facts.request, facts.elder),
);

/** Each review of a request's hours is for the level domain/hoursReview.ts names: never the volunteer. */
export const hoursReviewRule = writeRule<{ action: HoursAction; request: HoursFacts; elder: ElderFacts }>(
  'hoursReview',
  (facts) => reviewRefusal(facts.action),
  (identity, facts) => reviewer(facts.action, facts.request, facts.elder, identity) !== null,
);

/** Pool hours are granted by the officers of the elder's region (and city administrators). */
export const officerOfElderRegionRule = writeRule<{ regionCode: string }>(
  'officerOfElderRegion',
  "grants are made by the officers of the elder's region",
  (identity, elder) => mayGrantFromPool(identity, elder.regionCode),
);

/** Hours are redeemed for oneself, or for an elder one is recorded as family of (the service looks the family up). */
export const beneficiaryRule = writeRule<{ beneficiaryId: string; isFamily: boolean }>(
  'selfOrFamily',
  'hours are redeemed for oneself or for an elder one is recorded as family of',
  (identity, facts) => facts.beneficiaryId === identity.sub || facts.isFamily,
);

/** Elders are registered in a community the caller's role covers (city administrators anywhere). */
export const elderRegistrarRule = writeRule<{ regionCode: string }>(
  'elderRegistrar',
  "elders are registered by the officers and station managers of the elder's community",
  (identity, elder) => coversRegion(identity, elder.regionCode),
);

/** An elder's record (conditions, carers, enrolment) is kept by the officers of the elder's region. */
export const elderKeeperRule = writeRule<{ regionCode: string }>(
  'elderKeeper',
  "an elder's record is kept by the officers of the elder's region",
  (identity, elder) => coversRegion(identity, elder.regionCode),
);
