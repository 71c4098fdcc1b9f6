import { isUuid } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { Organization as OrganizationRow } from '../entities/Organization';

export const Organization = {
  __resolveReference: (ref: { id: string }, ctx: DirectoryContext) =>
    isUuid(ref.id) ? ctx.loaders.organization.load(ref.id.toLowerCase()) : null,

  region: (organization: OrganizationRow, _: unknown, ctx: DirectoryContext) =>
    organization.regionCode ? ctx.loaders.region.load(organization.regionCode) : null,
};
