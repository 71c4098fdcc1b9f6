import { regionReference } from '@civic/shared';
import type { VeteranVolunteersContext } from '../context';

export const resolvers = {
  Region: {
    ...regionReference,
    veterans: (region: { code: string }, _: unknown, ctx: VeteranVolunteersContext) =>
      ctx.loaders.regionStats.load(region.code),
  },
};
