import { assertUuid } from '@civic/shared';
import type { ElderCanteensContext } from '../context';
import { mealSubsidyRates } from './Canteen';

export const Query = {
  canteen: (_: unknown, args: { id: string }, ctx: ElderCanteensContext) => ctx.loaders.canteen.load(assertUuid(args.id)),
  mealSubsidyRates,
};
