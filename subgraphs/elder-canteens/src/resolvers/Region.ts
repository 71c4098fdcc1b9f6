import { regionReference } from '@civic/shared';
import type { ElderCanteensContext } from '../context';
import { listSize } from './args';

export const Region = {
  ...regionReference,
  elderCanteens: (region: { code: string }, _: unknown, ctx: ElderCanteensContext) => ctx.loaders.stats.load(region.code),
  canteens: (region: { code: string }, args: { first: number }, ctx: ElderCanteensContext) =>
    ctx.canteens.inRegion(region.code, listSize(args.first)),
};
