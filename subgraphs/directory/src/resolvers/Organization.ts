import { isUuid } from '@civic/shared';
import type { OrganizationResolvers } from '../generated/resolvers';

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.organization.load(ref.id.toLowerCase()) : null),

  region: (organization, _, ctx) => (organization.regionCode ? ctx.loaders.region.load(organization.regionCode) : null),
};
