import type { EntityManager } from 'typeorm';
import { assertRegionCode, assertUuid, badUserInput, isoDate, notFound, requiredText, servicePeriod, writePath, type OutgoingNotice } from '@civic/shared';
import { noticeRepository } from '../repositories/notices';
import type { DirectoryContext } from '../context';
import { Person } from '../entities/Person';
import { Organization } from '../entities/Organization';
import { Volunteer } from '../entities/Volunteer';
import { communityCode, parseIdNumber, parsePhone, personName } from '../domain/personInput';
import { creditCodeProblem } from '../domain/creditCode';
import { parseVolunteerNumber, VOLUNTEER_SKILLS, vocabularySet, WEEK_HALF_DAYS } from '../domain/volunteer';
import { partnerOrCityAdmin } from '../domain/webhookAccess';
import { certificateIssuer, dataSubjectOrOfficer, officerOfRegion, registrarOfRegion, selfService } from '../domain/writeRules';
import { erasePerson } from '../services/erasure';
import { markPersonWithoutPhone, registerPerson, updatePerson } from '../services/people';
import { moveVolunteer, registerVolunteer, updateVolunteer } from '../services/volunteers';
import { enqueueWebhookDeliveries, parseRegistration, registerWebhook, registrationAgain, replayWebhookDelivery } from '../services/webhooks';
import { directoryConfig } from '../config';
import { issueHoursCertificate, revokeHoursCertificate } from '../services/certificates';
import { certificateRepository } from '../repositories/certificates';
import { normalizeCertificateCode } from '../domain/certificateCode';
import { deregisterOrganization, registerOrganization, updateOrganization } from '../services/organizations';
import type {
  MutationDeliverNoticesArgs,
  MutationDeregisterOrganizationArgs,
  MutationErasePersonArgs,
  MutationIssueHoursCertificateArgs,
  MutationMarkNoticeReadArgs,
  MutationMarkPersonWithoutPhoneArgs,
  MutationMoveVolunteerArgs,
  MutationRegisterOrganizationArgs,
  MutationRegisterPersonArgs,
  MutationRegisterVolunteerArgs,
  MutationRegisterWebhookArgs,
  MutationReplayWebhookDeliveryArgs,
  MutationResolvers,
  MutationRevokeHoursCertificateArgs,
  MutationUpdateOrganizationArgs,
  MutationUpdatePersonArgs,
  MutationUpdateVolunteerArgs,
} from '../generated/resolvers';
import { appointOfficer, endOfficerAppointment } from './Officers';
import { officerRepository } from '../repositories/officers';

/**
 * The directory's writes: people, volunteers and organisations, declared once.
 * Region scope is applied by the services with the record's own region
 * (officerOfRegion, registrarOfRegion) or, for a volunteer's own phone and week,
 * selfService. Personal data in a result is shown (and logged) as any read is.
 */
const write = writePath<DirectoryContext>({ subgraph: 'directory', dbSchema: 'directory' });
const REGISTRARS = ['CITY_ADMIN', 'DISTRICT_OFFICER', 'STATION_MANAGER'] as const;
const OFFICERS = ['CITY_ADMIN', 'DISTRICT_OFFICER'] as const;
const SETS = 'it sets the values given: the same call again leaves the record as it is';

// How a retry with the same key finds the first call's record again.
const person = { typename: 'Person', load: (tx: EntityManager, id: string) => tx.getRepository(Person).findOneBy({ id }) };
const volunteer = {
  typename: 'Volunteer',
  id: (v: Volunteer) => v.personId,
  load: (tx: EntityManager, personId: string) => tx.getRepository(Volunteer).findOneBy({ personId }),
};
const appointment = { typename: 'OfficerAppointment', load: (tx: EntityManager, id: string) => officerRepository(tx).findById(id) };
const officerArgs = (args: { personId: string; regionCode: string }) => ({
  personId: assertUuid(args.personId, 'personId'),
  regionCode: assertRegionCode(args.regionCode, 'regionCode'),
});
const certificate = { typename: 'HoursCertificate', load: (tx: EntityManager, id: string) => certificateRepository(tx).byId(id) };
const organization = { typename: 'Organization', load: (tx: EntityManager, id: string) => tx.getRepository(Organization).findOneBy({ id }) };

/** An optional argument: undefined when not given, so "not given" and "remove" differ. */
const given = <T, R>(value: T | null | undefined, parse: (value: T) => R): R | undefined => (value == null ? undefined : parse(value));
const organizationName = (value: string) => requiredText(value, 200, 'name');

function creditCode(value: string): string {
  const code = value.trim().toUpperCase();
  const problem = creditCodeProblem(code);
  if (problem) throw badUserInput(`creditCode: ${problem}`, { argument: 'creditCode' });
  return code;
}

const skills = (values: string[]) => vocabularySet(values, VOLUNTEER_SKILLS, 'skills', true);
const availability = (values: string[]) => vocabularySet(values, WEEK_HALF_DAYS, 'availability', false);

/** The subgraphs whose relays deliver notices (each keeps an outbox: @civic/shared notices/). */
const NOTICE_SENDERS = ['elder-care', 'neighbour-stations', 'veteran-volunteers'];
const MAX_NOTICES = 500;

function noticeDeliveries(notices: MutationDeliverNoticesArgs['notices']): OutgoingNotice[] {
  if (notices.length > MAX_NOTICES) throw badUserInput(`at most ${MAX_NOTICES} notices at once`, { argument: 'notices' });
  return notices.map((n, i) => ({
    id: assertUuid(n.id, `notices[${i}].id`),
    kind: n.kind,
    recipientId: assertUuid(n.recipientId, `notices[${i}].recipientId`),
    subjectType: requiredText(n.subjectType, 60, `notices[${i}].subjectType`),
    subjectId: requiredText(n.subjectId, 100, `notices[${i}].subjectId`),
    text: requiredText(n.text, 500, `notices[${i}].text`),
    createdAt: new Date(n.createdAt).toISOString(),
  }));
}

export const writes = {
  deliverNotices: write.mutation({
    roles: [],
    services: NOTICE_SENDERS,
    idempotencyKey: 'none',
    naturallyIdempotent: 'each notice is kept once by its id: a batch delivered again adds nothing',
    parse: (args: MutationDeliverNoticesArgs) => noticeDeliveries(args.notices),
    async run(w, notices) {
      const kept = await noticeRepository(w.tx).deliver(notices, w.identity.service as string);
      // In the feed's own transaction: a notice kept is a notice queued for the partners subscribed to it.
      await enqueueWebhookDeliveries(
        w.tx,
        notices.map((n) => n.id),
      );
      return kept;
    },
  }),
  registerWebhook: write.mutation({
    roles: ['PARTNER', 'CITY_ADMIN'],
    everyPartner: "a PARTNER registers its own partner's webhooks only (partnerOrCityAdmin, by its token's partner claim)",
    rules: [partnerOrCityAdmin],
    idempotencyKey: 'optional',
    parse: (args: MutationRegisterWebhookArgs) => parseRegistration(args, directoryConfig().production),
    run: (w, args) => registerWebhook(w, args),
    result: { typename: 'Webhook', id: (r) => r.webhook.id, load: (tx, id, ctx) => registrationAgain(tx, id, ctx) },
  }),
  replayWebhookDelivery: write.mutation({
    roles: ['PARTNER', 'CITY_ADMIN'],
    everyPartner: "a PARTNER replays its own partner's deliveries only; another's is NOT_FOUND",
    idempotencyKey: 'none',
    naturallyIdempotent: 'a replayed delivery is due again and no longer dead: replaying it again answers it as it is',
    parse: (args: MutationReplayWebhookDeliveryArgs) => ({ id: assertUuid(args.id) }),
    async run(w, args) {
      const delivery = await replayWebhookDelivery(w, args.id);
      if (!delivery) throw notFound('no webhook delivery of yours with this id');
      return delivery;
    },
  }),
  markNoticeRead: write.mutation({
    roles: ['CITY_ADMIN', 'DISTRICT_OFFICER', 'STATION_MANAGER', 'VOLUNTEER'],
    idempotencyKey: 'none',
    naturallyIdempotent: 'a notice read stays read at its first time',
    parse: (args: MutationMarkNoticeReadArgs) => ({ id: assertUuid(args.id) }),
    async run(w, args) {
      // Another person's notice is answered as no notice at all: its existence is theirs.
      const notice = await noticeRepository(w.tx).markRead(args.id, w.actor);
      if (!notice) throw notFound('no notice of yours with this id');
      return notice;
    },
  }),
  registerPerson: write.mutation({
    roles: REGISTRARS,
    rules: [registrarOfRegion],
    idempotencyKey: 'optional',
    parse: (args: MutationRegisterPersonArgs) => ({
      name: personName(args.name),
      gender: args.gender,
      birthDate: isoDate(args.birthDate),
      idNumber: parseIdNumber(args.idNumber, isoDate(args.birthDate), args.gender),
      phone: parsePhone(args.phone),
      homeCommunityCode: communityCode(args.homeCommunityCode, 'homeCommunityCode'),
    }),
    run: (w, args) => registerPerson(w, args),
    result: person,
  }),
  updatePerson: write.mutation({
    roles: [...OFFICERS, 'VOLUNTEER'],
    rules: [officerOfRegion, selfService],
    idempotencyKey: 'none',
    naturallyIdempotent: SETS,
    parse: (args: MutationUpdatePersonArgs) => ({
      id: assertUuid(args.id),
      name: given(args.name, (name) => personName(name)),
      // an empty phone removes the number: null, as distinct from not given
      phone: args.phone == null ? undefined : parsePhone(args.phone),
      homeCommunityCode: given(args.homeCommunityCode, (code) => communityCode(code, 'homeCommunityCode')),
    }),
    run: (w, args) => updatePerson(w, args),
  }),
  markPersonWithoutPhone: write.mutation({
    roles: OFFICERS,
    rules: [officerOfRegion],
    idempotencyKey: 'none',
    naturallyIdempotent: SETS,
    parse: (args: MutationMarkPersonWithoutPhoneArgs) => ({
      id: assertUuid(args.id),
      actedForById: args.actedForById == null ? null : assertUuid(args.actedForById, 'actedForById'),
    }),
    run: (w, args) => markPersonWithoutPhone(w, args),
  }),
  // PIPL Art. 47. A person erases themselves whatever their role; an officer for them.
  erasePerson: write.mutation({
    roles: ['CITY_ADMIN', 'DISTRICT_OFFICER', 'STATION_MANAGER', 'VOLUNTEER'],
    rules: [dataSubjectOrOfficer],
    idempotencyKey: 'optional',
    parse: (args: MutationErasePersonArgs) => ({ personId: assertUuid(args.personId, 'personId') }),
    run: (w, args) => erasePerson(w, args),
    result: person,
  }),
  registerVolunteer: write.mutation({
    roles: REGISTRARS,
    rules: [registrarOfRegion],
    idempotencyKey: 'optional',
    parse: (args: MutationRegisterVolunteerArgs) => ({
      personId: assertUuid(args.personId, 'personId'),
      communityCode: args.communityCode == null ? null : communityCode(args.communityCode, 'communityCode'),
      skills: skills(args.skills),
      availability: availability(args.availability),
      volunteerNumber: parseVolunteerNumber(args.volunteerNumber),
    }),
    run: (w, args) => registerVolunteer(w, args),
    result: volunteer,
  }),
  updateVolunteer: write.mutation({
    roles: [...OFFICERS, 'VOLUNTEER'],
    rules: [officerOfRegion, selfService],
    idempotencyKey: 'none',
    naturallyIdempotent: SETS,
    parse: (args: MutationUpdateVolunteerArgs) => ({
      personId: assertUuid(args.personId, 'personId'),
      skills: given(args.skills, skills),
      availability: given(args.availability, availability),
      volunteerNumber: args.volunteerNumber == null ? undefined : parseVolunteerNumber(args.volunteerNumber),
    }),
    run: (w, args) => updateVolunteer(w, args),
  }),
  // Who the region's officers are (issue 16.3: an emergency goes to the community's officer).
  appointOfficer: write.mutation({
    roles: OFFICERS,
    rules: [officerOfRegion],
    idempotencyKey: 'optional',
    parse: officerArgs,
    run: (w, args) => appointOfficer(w, args),
    result: appointment,
  }),
  endOfficerAppointment: write.mutation({
    roles: OFFICERS,
    rules: [officerOfRegion],
    idempotencyKey: 'none',
    naturallyIdempotent: 'an ended appointment stays ended; a repeat finds none standing and returns null',
    parse: officerArgs,
    run: (w, args) => endOfficerAppointment(w, args),
    result: appointment,
  }),
  moveVolunteer: write.mutation({
    roles: OFFICERS,
    rules: [officerOfRegion],
    idempotencyKey: 'optional',
    parse: (args: MutationMoveVolunteerArgs) => ({
      personId: assertUuid(args.personId, 'personId'),
      communityCode: communityCode(args.communityCode, 'communityCode'),
    }),
    run: (w, args) => moveVolunteer(w, args),
    result: volunteer,
  }),
  issueHoursCertificate: write.mutation({
    roles: [...REGISTRARS, 'VOLUNTEER'],
    rules: [certificateIssuer],
    idempotencyKey: 'optional',
    parse: (args: MutationIssueHoursCertificateArgs) => ({
      personId: assertUuid(args.personId, 'personId'),
      period: servicePeriod(args.from, args.to),
    }),
    run: (w, args) => issueHoursCertificate(w, args),
    result: certificate,
  }),
  revokeHoursCertificate: write.mutation({
    roles: OFFICERS,
    rules: [officerOfRegion],
    idempotencyKey: 'none',
    naturallyIdempotent: 'a certificate revoked stays revoked with its first reason',
    parse: (args: MutationRevokeHoursCertificateArgs) => ({
      code: normalizeCertificateCode(args.code),
      reason: requiredText(args.reason, 500, 'reason'),
    }),
    run: (w, args) => revokeHoursCertificate(w, args),
  }),
  registerOrganization: write.mutation({
    roles: OFFICERS,
    rules: [officerOfRegion],
    idempotencyKey: 'optional',
    parse: (args: MutationRegisterOrganizationArgs) => ({
      name: organizationName(args.name),
      kind: args.kind,
      creditCode: creditCode(args.creditCode),
      regionCode: assertRegionCode(args.regionCode, 'regionCode'),
    }),
    run: (w, args) => registerOrganization(w, args),
    result: organization,
  }),
  updateOrganization: write.mutation({
    roles: OFFICERS,
    rules: [officerOfRegion],
    idempotencyKey: 'none',
    naturallyIdempotent: SETS,
    parse: (args: MutationUpdateOrganizationArgs) => ({
      id: assertUuid(args.id),
      name: given(args.name, organizationName),
      kind: args.kind ?? undefined,
      regionCode: given(args.regionCode, (code) => assertRegionCode(code, 'regionCode')),
    }),
    run: (w, args) => updateOrganization(w, args),
  }),
  deregisterOrganization: write.mutation({
    roles: OFFICERS,
    rules: [officerOfRegion],
    idempotencyKey: 'none',
    naturallyIdempotent: 'an organisation already deregistered is returned as it is',
    parse: (args: MutationDeregisterOrganizationArgs) => ({ id: assertUuid(args.id), endedOn: args.endedOn == null ? null : isoDate(args.endedOn) }),
    run: (w, args) => deregisterOrganization(w, args),
  }),
};

export const Mutation: MutationResolvers = write.resolvers(writes);
