import { assertUuid, badUserInput, conflict, intIn, isoDate, notFound, requiredText } from '@civic/shared';
import type { ElderCanteensContext } from '../context';
import { assertCanteenStaff } from '../access';
import { SUBSIDY_CATEGORIES, type MealSubsidyCategory } from '../domain/subsidy';
import { serveMeal } from '../services/serveMeal';
import { isCommunityCode } from './args';

interface OpenCanteenInput {
  name: string;
  regionCode: string;
  address: string;
  operatorId?: string | null;
  seats: number;
  mealPrice: number;
  servingHours: string;
}

export const Mutation = {
  openCanteen: (_: unknown, { input }: { input: OpenCanteenInput }, ctx: ElderCanteensContext) => {
    const name = requiredText(input.name, 100, 'name');
    const address = requiredText(input.address, 200, 'address');
    const servingHours = requiredText(input.servingHours, 100, 'servingHours');
    if (!isCommunityCode(input.regionCode)) throw badUserInput('regionCode must be a 12-digit community code', { argument: 'regionCode' });
    intIn(input.seats, 1, 500, 'seats');
    if (!(input.mealPrice >= 0 && input.mealPrice <= 100)) throw badUserInput('mealPrice must be 0 to 100 yuan', { argument: 'mealPrice' });
    const operatorId = input.operatorId ? assertUuid(input.operatorId, 'operatorId') : null;
    assertCanteenStaff(ctx.identity, input.regionCode);
    return ctx.canteens.open({ name, address, servingHours, regionCode: input.regionCode, seats: input.seats, mealPriceCents: Math.round(input.mealPrice * 100), operatorId });
  },

  enrolDiner: async (
    _: unknown,
    args: { canteenId: string; elderId: string; subsidyCategory: MealSubsidyCategory },
    ctx: ElderCanteensContext,
  ) => {
    const canteen = await ctx.loaders.canteen.load(assertUuid(args.canteenId, 'canteenId'));
    const elderId = assertUuid(args.elderId, 'elderId');
    if (!SUBSIDY_CATEGORIES.includes(args.subsidyCategory)) throw badUserInput('unknown subsidy category', { argument: 'subsidyCategory' });
    if (!canteen) throw notFound('no canteen with that id');
    assertCanteenStaff(ctx.identity, canteen.regionCode);
    if (canteen.status !== 'OPEN') throw conflict('the canteen is closed');
    return ctx.diners.enrol(elderId, canteen.id, canteen.regionCode, args.subsidyCategory);
  },

  serveMeal: (
    _: unknown,
    args: { canteenId: string; elderId: string; servedOn: Date | string; meal: 'LUNCH' | 'DINNER' },
    ctx: ElderCanteensContext,
  ) =>
    serveMeal(ctx.db, ctx.identity, {
      canteenId: assertUuid(args.canteenId, 'canteenId'),
      elderId: assertUuid(args.elderId, 'elderId'),
      servedOn: isoDate(args.servedOn),
      meal: args.meal,
    }),
};
