import type { EntityManager } from 'typeorm';
import { assertUuid, badUserInput, intIn, isoDate, requiredText, writePath } from '@civic/shared';
import type { ElderCanteensContext } from '../context';
import { canteenStaffRule, PARTNER_NAME } from '../access';
import { SUBSIDY_CATEGORIES } from '../domain/subsidy';
import { canteenRepository } from '../repositories/canteens';
import { dinerRepository } from '../repositories/diners';
import { mealRepository } from '../repositories/meals';
import { enrolDiner, openCanteen } from '../services/canteens';
import { checkServedOn, serveMeal } from '../services/serveMeal';
import { isCommunityCode } from './args';
import type { MutationEnrolDinerArgs, MutationOpenCanteenArgs, MutationResolvers, MutationServeMealArgs } from '../generated/resolvers';

/**
 * The canteens' writes, declared once: a city admin, a district officer, or the
 * canteens' own partner (a PARTNER token whose `partner` claim is this subgraph),
 * each only for the communities their region covers (canteenStaffRule). Another
 * partner, an analyst or a volunteer is refused before anything is looked up.
 */
const write = writePath<ElderCanteensContext>({ subgraph: PARTNER_NAME, dbSchema: 'elder_canteens', partner: true });
const STAFF = ['CITY_ADMIN', 'DISTRICT_OFFICER', 'PARTNER'] as const;
const first = <Row>(rows: Row[]) => rows[0];

export const writes = {
  openCanteen: write.mutation({
    roles: STAFF,
    rules: [canteenStaffRule],
    idempotencyKey: 'optional',
    parse: ({ input }: MutationOpenCanteenArgs) => {
      if (!isCommunityCode(input.regionCode)) throw badUserInput('regionCode must be a 12-digit community code', { argument: 'regionCode' });
      if (!(input.mealPrice >= 0 && input.mealPrice <= 100)) throw badUserInput('mealPrice must be 0 to 100 yuan', { argument: 'mealPrice' });
      return {
        name: requiredText(input.name, 100, 'name'),
        address: requiredText(input.address, 200, 'address'),
        servingHours: requiredText(input.servingHours, 100, 'servingHours'),
        regionCode: input.regionCode,
        seats: intIn(input.seats, 1, 500, 'seats'),
        mealPriceCents: Math.round(input.mealPrice * 100),
        operatorId: input.operatorId ? assertUuid(input.operatorId, 'operatorId') : null,
      };
    },
    run: (w, canteen) => openCanteen(w, canteen),
    result: { typename: 'Canteen', load: async (tx: EntityManager, id: string) => first(await canteenRepository(tx).byIds([id])) },
  }),

  enrolDiner: write.mutation({
    roles: STAFF,
    rules: [canteenStaffRule],
    idempotencyKey: 'optional',
    parse: (args: MutationEnrolDinerArgs) => {
      if (!SUBSIDY_CATEGORIES.includes(args.subsidyCategory)) throw badUserInput('unknown subsidy category', { argument: 'subsidyCategory' });
      return { canteenId: assertUuid(args.canteenId, 'canteenId'), elderId: assertUuid(args.elderId, 'elderId'), subsidyCategory: args.subsidyCategory };
    },
    run: (w, args) => enrolDiner(w, args),
    result: {
      typename: 'CanteenDiner',
      id: (diner) => diner.elderId,
      load: async (tx: EntityManager, elderId: string) => first(await dinerRepository(tx).byElderIds([elderId])),
    },
  }),

  serveMeal: write.mutation({
    roles: STAFF,
    rules: [canteenStaffRule],
    idempotencyKey: 'optional',
    parse: (args: MutationServeMealArgs) => ({
      canteenId: assertUuid(args.canteenId, 'canteenId'),
      elderId: assertUuid(args.elderId, 'elderId'),
      servedOn: checkServedOn(isoDate(args.servedOn)),
      meal: args.meal,
    }),
    run: (w, args) => serveMeal(w, args),
    result: { typename: 'CanteenMeal', load: async (tx: EntityManager, id: string) => first(await mealRepository(tx).byIds([id])) },
  }),
};

export const Mutation: MutationResolvers = write.resolvers(writes);
