import { assertUuid } from '@civic/shared';
import { mealSubsidyRates } from './Canteen';
import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  canteen: (_, args, ctx) => ctx.loaders.canteen.load(assertUuid(args.id)),
  mealSubsidyRates,
};
