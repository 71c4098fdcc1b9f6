import { regionReference } from '@civic/shared';
import type { ElderCareContext } from '../context';

export const resolvers = {
  Region: {
    ...regionReference,
    elderCare: (region: { code: string }, _: unknown, ctx: ElderCareContext) => ctx.loaders.regionStats.load(region.code),
  },
};
