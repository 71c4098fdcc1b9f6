import { badUserInput, chinaToday, notFound, type OrganizationKind, type Write } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { Organization } from '../entities/Organization';
import { recordsRepository } from '../repositories/records';
import { officerOfRegion } from '../domain/writeRules';
import { assertRegionExists, duplicate } from './people';

type W = Write<DirectoryContext>;

async function loadOrganization(w: W, id: string): Promise<Organization> {
  const organization = await recordsRepository(w.tx).organization(id);
  if (!organization) throw notFound(`no organization ${id}`);
  return organization;
}

export interface NewOrganization {
  name: string;
  kind: OrganizationKind;
  creditCode: string;
  regionCode: string;
}

export async function registerOrganization(w: W, input: NewOrganization): Promise<Organization> {
  w.require(officerOfRegion, { regionCode: input.regionCode });
  await assertRegionExists(w, input.regionCode, 'regionCode');
  const records = recordsRepository(w.tx);
  const { row, made } = await records.insertOrganization(input);
  if (!made) throw duplicate(`credit code ${input.creditCode}`, row.id);
  return loadOrganization(w, row.id);
}

export interface OrganizationChange {
  id: string;
  name?: string;
  kind?: OrganizationKind;
  regionCode?: string;
}

export async function updateOrganization(w: W, change: OrganizationChange): Promise<Organization> {
  const organization = await loadOrganization(w, change.id);
  w.require(officerOfRegion, { regionCode: organization.regionCode ?? '' });
  if (change.regionCode !== undefined) {
    w.require(officerOfRegion, { regionCode: change.regionCode });
    await assertRegionExists(w, change.regionCode, 'regionCode');
  }
  await recordsRepository(w.tx).updateOrganization(organization.id, {
    name: change.name ?? organization.name,
    kind: change.kind ?? organization.kind,
    regionCode: change.regionCode ?? organization.regionCode,
    endedOn: organization.endedOn,
  });
  return loadOrganization(w, organization.id);
}

/** Kept as a record with its end date: duty slots, assessments and history still point at it. */
export async function deregisterOrganization(w: W, args: { id: string; endedOn: string | null }): Promise<Organization> {
  const organization = await loadOrganization(w, args.id);
  w.require(officerOfRegion, { regionCode: organization.regionCode ?? '' });
  if (organization.endedOn) return organization;
  const endedOn = args.endedOn ?? chinaToday();
  if (endedOn > chinaToday()) throw badUserInput('endedOn must not be in the future', { argument: 'endedOn' });
  await recordsRepository(w.tx).updateOrganization(organization.id, { ...organization, endedOn });
  return loadOrganization(w, organization.id);
}
