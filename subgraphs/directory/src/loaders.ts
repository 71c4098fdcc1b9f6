import { DataSource } from 'typeorm';
import { groupedLoader, keyedLoader } from '@civic/shared';
import { officerRepository } from './repositories/officers';
import { regionRepository } from './repositories/regions';
import { personRepository } from './repositories/people';
import { organizationRepository } from './repositories/organizations';
import { webhookRepository } from './repositories/webhooks';
import { certificateRepository } from './repositories/certificates';

/** Fresh per request, so one request's cache never serves another caller. */
export function createLoaders(db: DataSource) {
  const regions = regionRepository(db);
  const people = personRepository(db);
  const organizations = organizationRepository(db);
  const webhooks = webhookRepository(db);
  const certificates = certificateRepository(db);
  return {
    region: keyedLoader(regions.findByCodes, (region) => region.code),
    officers: groupedLoader(officerRepository(db).currentOf, (a) => a.regionCode),
    regionChildren: groupedLoader(regions.findChildren, (region) => region.parentCode as string),
    person: keyedLoader(people.findByIds, (person) => person.id),
    organization: keyedLoader(organizations.findByIds, (organization) => organization.id),
    volunteer: keyedLoader(people.findVolunteers, (volunteer) => volunteer.personId),
    webhook: keyedLoader(webhooks.byIds, (webhook) => webhook.id),
    certificates: groupedLoader(certificates.ofPeople, (certificate) => certificate.personId),
  };
}
export type DirectoryLoaders = ReturnType<typeof createLoaders>;
