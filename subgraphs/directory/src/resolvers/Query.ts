import { assertRegionCode, assertUuid, forbidden, isGraphService, isStringPair, parsePage, toConnection } from '@civic/shared';
import { assertMayReadPeople } from './Person';
import { personalDataAccessLog } from './PersonalDataAccess';
import { personalDataReport } from './PersonalDataReport';
import { webhookQueries } from './Webhook';
import { yearOfBirth } from '../domain/erasure';
import type { QueryResolvers } from '../generated/resolvers';
import { hoursCertificateByCode } from './HoursCertificate';

export const Query: QueryResolvers = {
  ...webhookQueries,
  hoursCertificate: hoursCertificateByCode,

  region: (_, { code }, ctx) => ctx.loaders.region.load(assertRegionCode(code, 'code')),

  person(_, { id }, ctx) {
    assertMayReadPeople(ctx);
    return ctx.loaders.person.load(assertUuid(id));
  },

  // Existence and birth year only, and only for the graph's own subgraphs (a call the
  // gateway verified with the asking subgraph's secret): how another subgraph checks a
  // person it registers (shared/people.ts). A client, even a signed-in one who sees
  // people masked, never learns a birth year here.
  async personOnRecord(_, { id }, ctx) {
    if (!isGraphService(ctx.identity)) throw forbidden("personOnRecord answers the graph's own subgraphs only");
    const person = await ctx.loaders.person.load(assertUuid(id));
    return person && !person.erasedAt ? { id: person.id, birthYear: yearOfBirth(person) } : null;
  },

  personalDataAccessLog,
  personalDataReport,

  volunteer(_, { personId }, ctx) {
    assertMayReadPeople(ctx);
    return ctx.loaders.volunteer.load(assertUuid(personId, 'personId'));
  },

  organization: (_, { id }, ctx) => ctx.loaders.organization.load(assertUuid(id)),

  async organizations(_, args, ctx) {
    const filter = {
      regionCode: args.regionCode != null ? assertRegionCode(args.regionCode) : null,
      kind: args.kind ?? null, // GraphQL has already checked it against the enum
    };
    const page = parsePage(args, 'Query.organizations', isStringPair);
    const [rows, total] = await Promise.all([ctx.organizations.page(filter, page), ctx.organizations.count(filter)]);
    return toConnection(rows, page, total, (organization) => [organization.name, organization.id]);
  },
};
