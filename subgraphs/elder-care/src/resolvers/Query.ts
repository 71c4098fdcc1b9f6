import {
  assertRegionCode,
  assertUuid,
  badUserInput,
  forbidden,
  isStringPair,
  isUuid,
  openDataWindow,
  parsePage,
  toConnection,
  servedHoursField,
} from '@civic/shared';
import { assertSignedIn, listRegion, listScope, mayFilterByCondition, mayReadRegion, mayWorkNear, neighbourhoodOf } from '../domain/access';
import { REWARDS, type RewardKind } from '../domain/timeBank';
import { readableElder, readableRequest, readableTeam } from './guards';
import { careDataAccessLog } from './CareDataAccess';
import type { QueryResolvers } from '../generated/resolvers';
import { timeBankServedHours } from '../repositories/servedHours';

const region = (code: string | null | undefined, argument = 'regionCode') => (code != null ? assertRegionCode(code, argument) : null);

export const Query: QueryResolvers = {
  timeBankServedHours: servedHoursField('timeBankServedHours', timeBankServedHours),

  elder: async (_, { id }, ctx) => readableElder(ctx, await ctx.loaders.elder.load(assertUuid(id))),

  // Yes or no and nothing more, for anyone: how a partner subgraph checks an elder id through the graph.
  elderRegistered: async (_, { id }, ctx) => (await ctx.loaders.elder.load(assertUuid(id))) != null,

  async elders(_, args, ctx) {
    const filter = { regionCode: listRegion(ctx.identity, region(args.regionCode)), condition: args.condition ?? null };
    if (filter.condition && !mayFilterByCondition(ctx.identity)) {
      throw forbidden('conditions are health data: analysts count them through Region.elderCare');
    }
    const page = parsePage(args, 'Query.elders', isStringPair);
    const rows = await ctx.elders.page(filter, page);
    return toConnection(
      rows,
      page,
      () => ctx.elders.count(filter),
      (elder) => [elder.regionCode, elder.id],
    );
  },

  serviceRequest: async (_, { id }, ctx) => readableRequest(ctx, await ctx.loaders.request.load(assertUuid(id))),

  async serviceRequests(_, args, ctx) {
    const filter = {
      ...listScope(ctx.identity, region(args.regionCode)),
      status: args.status ?? null,
      elderId: args.elderId != null ? assertUuid(args.elderId, 'elderId') : null,
      hoursStatus: args.hoursStatus ?? null,
    };
    const page = parsePage(args, 'Query.serviceRequests', isStringPair);
    // Counted only when totalCount is asked: a page does not count the whole region.
    const rows = await ctx.requests.page(filter, page);
    return toConnection(
      rows,
      page,
      () => ctx.requests.count(filter),
      (request) => [request.cursorAt, request.id],
    );
  },

  // Open data for anyone: the public fields only (PublicServiceRequest), so no region rule applies.
  async publicServiceRequests(_, args, ctx) {
    const filter = { ...openDataWindow(args), category: args.category ?? null, statuses: args.statuses ?? null };
    const page = parsePage(args, 'Query.publicServiceRequests', isStringPair);
    const [rows, total] = await Promise.all([ctx.requests.publicPage(filter, page), ctx.requests.publicCount(filter)]);
    return toConnection(rows, page, total, (request) => [request.cursorAt, request.id]);
  },

  async serviceRequestWorklist(_, args, ctx) {
    assertSignedIn(ctx.identity);
    const sub = ctx.identity.sub;
    if (!sub) throw forbidden('a worklist belongs to a signed-in person');
    const near = region(args.near, 'near') ?? ctx.identity.region;
    if (!near) throw badUserInput('name the community to work near', { argument: 'near' });
    if (!mayWorkNear(ctx.identity, near)) throw forbidden('a volunteer works near where they live; officers in their region');
    const filter = { regionCode: neighbourhoodOf(near), status: 'OPEN' as const, elderId: null, claimableBy: sub };
    // Emergencies first (一键呼叫): the cursor carries the request's rank with its time and id.
    const page = parsePage(args, 'Query.serviceRequestWorklist', isWorklistKey);
    const rows = await ctx.requests.worklist(filter, page);
    return toConnection(
      rows,
      page,
      () => ctx.requests.count(filter),
      (request) => [request.priority === 'EMERGENCY' ? '0' : '1', request.cursorAt, request.id],
    );
  },

  serviceTeam: async (_, { id }, ctx) => readableTeam(ctx, await ctx.loaders.team.load(assertUuid(id))),

  async serviceTeams(_, args, ctx) {
    const scope = listScope(ctx.identity, region(args.regionCode));
    const filter = { regionCode: scope.regionCode, memberOf: scope.involving, kind: args.kind ?? null };
    const page = parsePage(args, 'Query.serviceTeams', isStringPair);
    const rows = await ctx.teams.page(filter, page);
    return toConnection(
      rows,
      page,
      () => ctx.teams.count(filter),
      (team) => [team.name, team.id],
    );
  },

  async donationPool(_, { communityCode }, ctx) {
    assertSignedIn(ctx.identity);
    const code = assertRegionCode(communityCode, 'communityCode');
    if (!mayReadRegion(ctx.identity, code)) throw forbidden("the caller's role does not cover this community");
    const [pool] = await ctx.accounts.poolsOf([code]);
    return pool ?? null;
  },

  careDataAccessLog,

  timeBankRewards: () =>
    (Object.keys(REWARDS) as RewardKind[]).map((reward) => ({ reward, hours: REWARDS[reward].hours, description: REWARDS[reward].description })),
};

/** A worklist cursor: the rank ('0' for an emergency, '1' otherwise), the time placed and the id. */
const isWorklistKey = (value: unknown): value is [string, string, string] =>
  Array.isArray(value) && value.length === 3 && (value[0] === '0' || value[0] === '1') && typeof value[1] === 'string' && isUuid(value[2]);
