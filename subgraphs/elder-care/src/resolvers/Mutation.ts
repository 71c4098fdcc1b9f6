import type { EntityManager } from 'typeorm';
import { assertUuid, badUserInput, optionalText, writePath, erasureWrite, volunteerMoveWrite } from '@civic/shared';
import type { ElderCareContext } from '../context';
import { assertHours, assertServiceHours, ACCOUNT_CAP } from '../domain/timeBank';
import { accountRepository } from '../repositories/accounts';
import { requestRepository } from '../repositories/requests';
import { elderSideRule, beneficiaryRule, hoursReviewRule, noSelfDealingRule, officerOfElderRegionRule, requestStepRule } from '../domain/writeRules';
import { requestService, transitionRequest } from '../services/requests';
import { buyReward, donateHours, grantPoolHours, redeemHours } from '../services/timeBank';
import { reviewHours } from '../services/hoursReview';
import { distinctConditions, parseRegistration, parseRelation } from '../domain/enrolment';
import { elderRepository } from '../repositories/elders';
import { elderKeeperRule, elderRegistrarRule } from '../domain/writeRules';
import { addElderCarer, endElderEnrolment, registerElder, removeElderCarer, updateElderConditions } from '../services/elders';
import type {
  MutationAddElderCarerArgs,
  MutationBuyTimeBankRewardArgs,
  MutationChangeServiceHoursArgs,
  MutationCompleteServiceRequestArgs,
  MutationDisputeServiceHoursArgs,
  MutationDonateHoursArgs,
  MutationEndElderEnrolmentArgs,
  MutationGrantPoolHoursArgs,
  MutationRaiseEmergencyArgs,
  MutationRateServiceRequestArgs,
  MutationRedeemHoursArgs,
  MutationRegisterCallDeviceArgs,
  MutationRegisterElderArgs,
  MutationRejectServiceHoursArgs,
  MutationRemoveElderCarerArgs,
  MutationRequestServiceArgs,
  MutationResolveEmergencyArgs,
  MutationResolvers,
  MutationUpdateElderConditionsArgs,
} from '../generated/resolvers';
import {
  acknowledgeEmergency,
  emergencyAnswerRule,
  emergencyRaiserRule,
  raiseEmergency,
  registerCallDevice,
  resolveEmergency,
  revokeCallDevice,
} from '../services/emergencies';
import { callDeviceRepository, emergencyRepository } from '../repositories/emergencies';

/**
 * Elder care's mutations, each declared once: who may act (the write path refuses
 * anyone else, the same way in every subgraph), the rules the service applies with
 * its data, the idempotency key and how a replay finds the first result.
 */
const write = writePath<ElderCareContext>({ subgraph: 'elder-care', dbSchema: 'elder_care' });

/** Elder care is changed by the people of the programme: never an analyst's or a partner's token. */
const PEOPLE = ['CITY_ADMIN', 'DISTRICT_OFFICER', 'STATION_MANAGER', 'VOLUNTEER'] as const;

const request = {
  typename: 'ServiceRequest',
  load: async (tx: EntityManager, id: string) => (await requestRepository(tx).findByIds([id]))[0],
};
const elder = {
  typename: 'Elder',
  load: async (tx: EntityManager, id: string) => (await elderRepository(tx).findByIds([id]))[0],
};
/** Who keeps elders' records: officers of the elder's region and city administrators (elderKeeper). */
const KEEPERS = ['CITY_ADMIN', 'DISTRICT_OFFICER'] as const;
const emergency = {
  typename: 'Emergency',
  load: async (tx: EntityManager, id: string) => (await emergencyRepository(tx).findByIds([id]))[0],
};
const callDevice = {
  typename: 'CallDevice',
  load: async (tx: EntityManager, id: string) => (await callDeviceRepository(tx).findByIds([id]))[0],
};
const account = {
  typename: 'TimeBankAccount',
  load: async (tx: EntityManager, id: string) => (await accountRepository(tx).findByIds([id]))[0],
};

function reason(value: string | null | undefined, required: boolean): string | null {
  const text = optionalText(value, 500, 'reason');
  if (required && !text) throw badUserInput('give the reason', { argument: 'reason' });
  return text;
}

function rating(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw badUserInput('rating must be 1..5', { argument: 'rating' });
  return value;
}

const id = (args: { id: string }) => ({ id: assertUuid(args.id) });
const STEP_IS_IDEMPOTENT = 'a repeated step by the same caller finds the request already moved on and returns it';

/**
 * Time bank moves are not idempotent by themselves (a second redemption of 4 hours
 * spends 4 more), so they require a key: without one, BAD_USER_INPUT. A request
 * takes an optional key, as in the contract: a retry without it places a second one.
 */
export const writes = {
  // PIPL Art. 47: the directory's erasure of a person drops this subgraph's copies too (@civic/shared erasure.ts).
  eraseElderCareCopies: erasureWrite(write, [
    {
      name: 'eraseCareNote',
      sql: `UPDATE elder_care.elder SET care_note = NULL, enrolment_end_reason = NULL
        WHERE person_id = $1 AND (care_note IS NOT NULL OR enrolment_end_reason IS NOT NULL)`,
    },
    {
      name: 'eraseRequestNotes',
      sql: `UPDATE elder_care.service_request r SET note = NULL FROM elder_care.elder e
        WHERE e.id = r.elder_id AND e.person_id = $1 AND r.note IS NOT NULL`,
    },
    {
      name: 'eraseRequestStepNotes',
      sql: `UPDATE elder_care.service_request_step s SET note = NULL
        FROM elder_care.service_request r JOIN elder_care.elder e ON e.id = r.elder_id
        WHERE s.request_id = r.id AND e.person_id = $1 AND s.note IS NOT NULL`,
    },
  ]),
  // 转移接续: the directory's moveVolunteer moves the volunteer's time bank account with them (@civic/shared personMove.ts).
  moveTimeBankAccount: volunteerMoveWrite(write, (tx, move) => accountRepository(tx).moveToCommunity(move.personId, move.communityCode)),
  requestService: write.mutation({
    roles: PEOPLE,
    rules: [elderSideRule],
    idempotencyKey: 'optional',
    parse: (args: MutationRequestServiceArgs) => ({
      elderId: assertUuid(args.elderId, 'elderId'),
      category: args.category,
      mode: args.mode,
      note: optionalText(args.note, 500, 'note'),
    }),
    run: (w, args) => requestService(w, args),
    result: request,
  }),

  claimServiceRequest: write.mutation({
    roles: PEOPLE,
    rules: [noSelfDealingRule, requestStepRule],
    idempotencyKey: 'none',
    naturallyIdempotent: STEP_IS_IDEMPOTENT,
    parse: id,
    run: (w, args) => transitionRequest(w, args.id, 'CLAIM'),
  }),
  completeServiceRequest: write.mutation({
    roles: PEOPLE,
    rules: [requestStepRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'the hours are recorded (PENDING) with the step itself: a repeat with the same hours returns the request, with other hours CONFLICT',
    parse: (args: MutationCompleteServiceRequestArgs) => ({ id: assertUuid(args.id), hours: assertServiceHours(args.hours) }),
    run: (w, args) => transitionRequest(w, args.id, 'COMPLETE', { hours: args.hours }),
  }),
  rateServiceRequest: write.mutation({
    roles: PEOPLE,
    rules: [requestStepRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'the same rating again returns the request; another rating is CONFLICT',
    parse: (args: MutationRateServiceRequestArgs) => ({ id: assertUuid(args.id), rating: rating(args.rating) }),
    run: (w, args) => transitionRequest(w, args.id, 'RATE', { rating: args.rating }),
  }),
  cancelServiceRequest: write.mutation({
    roles: PEOPLE,
    rules: [requestStepRule],
    idempotencyKey: 'none',
    naturallyIdempotent: STEP_IS_IDEMPOTENT,
    parse: id,
    run: (w, args) => transitionRequest(w, args.id, 'CANCEL'),
  }),

  // Time bank moves: the services apply the rules with the facts they load (the beneficiary's family, the elder's region).
  redeemHours: write.mutation({
    roles: PEOPLE,
    rules: [beneficiaryRule],
    idempotencyKey: 'required',
    parse: (args: MutationRedeemHoursArgs) => ({
      hours: assertHours(args.hours, ACCOUNT_CAP),
      category: args.category,
      beneficiaryId: args.beneficiaryPersonId != null ? assertUuid(args.beneficiaryPersonId, 'beneficiaryPersonId') : null,
    }),
    run: (w, args) => redeemHours(w, args),
    result: account,
  }),
  donateHours: write.mutation({
    roles: PEOPLE,
    idempotencyKey: 'required',
    parse: (args: MutationDonateHoursArgs) => ({
      toPersonId: assertUuid(args.toPersonId, 'toPersonId'),
      hours: assertHours(args.hours, ACCOUNT_CAP),
    }),
    run: (w, args) => donateHours(w, args),
    result: account,
  }),
  buyTimeBankReward: write.mutation({
    roles: PEOPLE,
    idempotencyKey: 'required',
    parse: (args: MutationBuyTimeBankRewardArgs) => ({ reward: args.reward }),
    run: (w, args) => buyReward(w, args.reward),
    result: account,
  }),
  grantPoolHours: write.mutation({
    roles: ['CITY_ADMIN', 'DISTRICT_OFFICER'],
    rules: [officerOfElderRegionRule],
    idempotencyKey: 'required',
    parse: (args: MutationGrantPoolHoursArgs) => ({ elderId: assertUuid(args.elderId, 'elderId'), hours: assertHours(args.hours, ACCOUNT_CAP) }),
    run: (w, args) => grantPoolHours(w, args),
    result: account,
  }),

  // The review of completed hours (issue 13.4): each step moves or settles hours, so each takes an optional key;
  // without one a repeat finds the hours already in the state it asked for and returns the request.
  disputeServiceHours: write.mutation({
    roles: PEOPLE,
    rules: [hoursReviewRule],
    idempotencyKey: 'optional',
    parse: (args: MutationDisputeServiceHoursArgs) => ({ id: assertUuid(args.id), note: reason(args.reason, true) }),
    run: (w, args) => reviewHours(w, args.id, 'DISPUTE', { note: args.note }),
    result: request,
  }),
  approveServiceHours: write.mutation({
    roles: ['CITY_ADMIN', 'DISTRICT_OFFICER', 'STATION_MANAGER'],
    rules: [hoursReviewRule],
    idempotencyKey: 'optional',
    parse: id,
    run: (w, args) => reviewHours(w, args.id, 'APPROVE'),
    result: request,
  }),
  changeServiceHours: write.mutation({
    roles: ['CITY_ADMIN', 'DISTRICT_OFFICER'],
    rules: [hoursReviewRule],
    idempotencyKey: 'optional',
    parse: (args: MutationChangeServiceHoursArgs) => ({
      id: assertUuid(args.id),
      hours: assertServiceHours(args.hours),
      note: reason(args.reason, false),
    }),
    run: (w, args) => reviewHours(w, args.id, 'CHANGE', { hours: args.hours, note: args.note }),
    result: request,
  }),
  rejectServiceHours: write.mutation({
    roles: ['CITY_ADMIN', 'DISTRICT_OFFICER'],
    rules: [hoursReviewRule],
    idempotencyKey: 'optional',
    parse: (args: MutationRejectServiceHoursArgs) => ({ id: assertUuid(args.id), note: reason(args.reason, true) }),
    run: (w, args) => reviewHours(w, args.id, 'REJECT', { note: args.note }),
    result: request,
  }),

  // Registration and upkeep of elders (issue 14.1): an officer's change takes an optional key, a retry with it returns the first answer.
  registerElder: write.mutation({
    roles: ['CITY_ADMIN', 'DISTRICT_OFFICER', 'STATION_MANAGER'],
    rules: [elderRegistrarRule],
    idempotencyKey: 'optional',
    parse: (args: MutationRegisterElderArgs) => parseRegistration(args.input),
    run: (w, args) => registerElder(w, args),
    result: elder,
  }),
  updateElderConditions: write.mutation({
    roles: KEEPERS,
    rules: [elderKeeperRule],
    idempotencyKey: 'optional',
    parse: (args: MutationUpdateElderConditionsArgs) => ({
      elderId: assertUuid(args.elderId, 'elderId'),
      conditions: distinctConditions(args.conditions),
    }),
    run: (w, args) => updateElderConditions(w, args.elderId, args.conditions),
    result: elder,
  }),
  addElderCarer: write.mutation({
    roles: KEEPERS,
    rules: [elderKeeperRule],
    idempotencyKey: 'optional',
    parse: (args: MutationAddElderCarerArgs) => ({
      elderId: assertUuid(args.elderId, 'elderId'),
      carer: parseRelation(args, ''),
    }),
    run: (w, args) => addElderCarer(w, args.elderId, args.carer),
    result: elder,
  }),
  removeElderCarer: write.mutation({
    roles: KEEPERS,
    rules: [elderKeeperRule],
    idempotencyKey: 'optional',
    parse: (args: MutationRemoveElderCarerArgs) => ({ elderId: assertUuid(args.elderId, 'elderId'), personId: assertUuid(args.personId, 'personId') }),
    run: (w, args) => removeElderCarer(w, args.elderId, args.personId),
    result: elder,
  }),
  endElderEnrolment: write.mutation({
    roles: KEEPERS,
    rules: [elderKeeperRule],
    idempotencyKey: 'optional',
    parse: (args: MutationEndElderEnrolmentArgs) => ({ elderId: assertUuid(args.elderId, 'elderId'), reason: reason(args.reason, false) }),
    run: (w, args) => endElderEnrolment(w, args.elderId, args.reason),
    result: elder,
  }),

  // 一键呼叫 (issue 16.3). A press is never refused for want of a key: a second press while the
  // elder's emergency is open returns that one, so a retry without a key opens nothing new.
  raiseEmergency: write.mutation({
    roles: [...PEOPLE, 'CALL_DEVICE'],
    rules: [emergencyRaiserRule],
    idempotencyKey: 'optional',
    parse: (args: MutationRaiseEmergencyArgs) => ({ elderId: assertUuid(args.elderId, 'elderId'), note: optionalText(args.note, 500, 'note') }),
    run: (w, args) => raiseEmergency(w, args),
    result: emergency,
  }),
  acknowledgeEmergency: write.mutation({
    roles: PEOPLE,
    rules: [emergencyAnswerRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'the first acknowledgement is recorded; a repeat returns the emergency as it is',
    parse: id,
    run: (w, args) => acknowledgeEmergency(w, args.id),
    result: emergency,
  }),
  resolveEmergency: write.mutation({
    roles: PEOPLE,
    rules: [emergencyAnswerRule],
    idempotencyKey: 'optional',
    parse: (args: MutationResolveEmergencyArgs) => ({ id: assertUuid(args.id), resolution: reason(args.resolution, true) as string }),
    run: (w, args) => resolveEmergency(w, args.id, args.resolution),
    result: emergency,
  }),
  registerCallDevice: write.mutation({
    roles: [...KEEPERS, 'STATION_MANAGER'],
    rules: [elderKeeperRule],
    idempotencyKey: 'optional',
    parse: (args: MutationRegisterCallDeviceArgs) => ({ elderId: assertUuid(args.elderId, 'elderId'), label: deviceLabel(args.label) }),
    run: (w, args) => registerCallDevice(w, args),
    result: callDevice,
  }),
  revokeCallDevice: write.mutation({
    roles: [...KEEPERS, 'STATION_MANAGER'],
    rules: [elderKeeperRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'a revoked device stays revoked with its first record',
    parse: id,
    run: (w, args) => revokeCallDevice(w, args.id),
    result: callDevice,
  }),
};

function deviceLabel(value: string): string {
  const label = optionalText(value, 100, 'label');
  if (!label) throw badUserInput('name the device (e.g. 床头呼叫器)', { argument: 'label' });
  return label;
}

export const Mutation: MutationResolvers = write.resolvers(writes);
