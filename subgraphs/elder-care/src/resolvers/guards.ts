import { badUserInput, forbidden } from '@civic/shared';
import { elderFacts, type ElderCareContext } from '../context';
import { assertSignedIn, mayReadElder, mayReadRequest, mayReadTeam } from '../domain/access';
import type { ElderRow } from '../repositories/elders';
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
  if (!mayReadTeam(ctx.identity, team, members.map((m) => m.personId))) throw forbidden('the caller may not read this service team');
  return team;
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

export const person = (id: string | null) => (id ? { __typename: 'Person', id } : null);
