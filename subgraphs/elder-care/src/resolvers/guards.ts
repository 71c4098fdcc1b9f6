import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, forbidden, operationName } from '@civic/shared';
import { elderFacts, type ElderCareContext } from '../context';
import { assertSignedIn, mayReadCareDetails, mayReadElder, mayReadRequest, mayReadTeam } from '../domain/access';
import type { CareField } from '../domain/audit';
import type { CarerRow, ElderRow } from '../repositories/elders';
import type { RequestRow } from '../repositories/requests';
import type { TeamRow } from '../repositories/teams';

/** An elder the caller may read, or FORBIDDEN; null stays null (an unknown id). */
export async function readableElder(ctx: ElderCareContext, elder: ElderRow | null): Promise<ElderRow | null> {
  assertSignedIn(ctx.identity);
  if (elder && !mayReadElder(ctx.identity, await elderFacts(ctx, elder))) throw forbidden("the caller's role does not cover this elder");
  return elder;
}

/** A request the caller may read, or FORBIDDEN; null stays null. */
export async function readableRequest(ctx: ElderCareContext, request: RequestRow | null): Promise<RequestRow | null> {
  assertSignedIn(ctx.identity);
  if (!request) return null;
  const [elder, members] = await Promise.all([
    ctx.loaders.elder.load(request.elderId),
    request.teamId ? ctx.loaders.teamMembers.load(request.teamId) : Promise.resolve([]),
  ]);
  const facts = await elderFacts(ctx, elder as ElderRow);
  if (!mayReadRequest(ctx.identity, { ...request, teamMemberIds: members.map((m) => m.personId) }, facts)) {
    throw forbidden('the caller may not read this service request');
  }
  return request;
}

/** A team the caller may read (its region's readers, its members), or FORBIDDEN; null stays null. */
export async function readableTeam(ctx: ElderCareContext, team: TeamRow | null): Promise<TeamRow | null> {
  assertSignedIn(ctx.identity);
  if (!team) return null;
  const members = await ctx.loaders.teamMembers.load(team.id);
  if (
    !mayReadTeam(
      ctx.identity,
      team,
      members.map((m) => m.personId),
    )
  )
    throw forbidden('the caller may not read this service team');
  return team;
}

/**
 * An elder's care or health data: whole for the callers mayReadCareDetails allows,
 * logged in the care data access log before it is shown; otherwise the withheld
 * fallback. Nothing shown (null, empty) is nothing to log. Every field takes the
 * same steps (the carers, then the log), so one request's reads of an elder land
 * in one log row.
 */
export async function careDetail<T>(
  ctx: ElderCareContext,
  elder: ElderRow,
  field: CareField,
  info: GraphQLResolveInfo,
  value: (carers: CarerRow[]) => T,
  withheld: T,
): Promise<T> {
  const carers = await ctx.loaders.elderCarers.load(elder.id);
  const facts = { personId: elder.personId, regionCode: elder.regionCode, carerIds: carers.map((c) => c.personId), contactId: elder.emergencyContactPersonId };
  if (!mayReadCareDetails(ctx.identity, facts)) return withheld;
  const shown = value(carers);
  if (shown === null || (Array.isArray(shown) && shown.length === 0)) return shown;
  await ctx.auditTrail.record(elder.id, field, operationName(info));
  return shown;
}

/** Optional free text, trimmed, at most `max` characters. */
export function optionalText(value: string | null | undefined, max: number, argument: string): string | null {
  if (value == null) return null;
  const text = value.trim();
  if (text.length > max) throw badUserInput(`${argument} is longer than ${max} characters`, { argument });
  return text || null;
}

/** A ledger cursor is the entry's id twice (entries are ordered by id alone). */
export const isEntryKey = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string' && /^\d{1,18}$/.test(v));

export function person(id: string): { __typename: 'Person'; id: string };
export function person(id: string | null): { __typename: 'Person'; id: string } | null;
export function person(id: string | null) {
  return id ? { __typename: 'Person' as const, id } : null;
}
