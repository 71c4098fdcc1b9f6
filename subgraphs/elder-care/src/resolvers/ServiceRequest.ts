import type { GraphQLResolveInfo } from 'graphql';
import { isUuid } from '@civic/shared';
import type { ElderCareContext } from '../context';
import type { ElderRow } from '../repositories/elders';
import type { RequestRow, StepRow } from '../repositories/requests';
import { careDetail, person, readableRequest } from './guards';

type Ctx = ElderCareContext;
const FOR_THE_ELDER = new Set(['FAMILY_MEMBER', 'STATION_WORKER', 'OFFICER']);

/** The elder comes with a request the caller may read (checked again here), its care details withheld as on the elder. */
export const ServiceRequest = {
  __resolveReference: async (ref: { id: string }, ctx: Ctx) =>
    readableRequest(ctx, isUuid(ref.id) ? await ctx.loaders.request.load(ref.id.toLowerCase()) : null),

  elder: async (request: RequestRow, _: unknown, ctx: Ctx) => {
    await readableRequest(ctx, request);
    return ctx.loaders.elder.load(request.elderId);
  },
  /** What the elder's side wrote is often health data ("糖尿病, 需要测血糖"): shown like the elder's care note. */
  note: async (request: RequestRow, _: unknown, ctx: Ctx, info: GraphQLResolveInfo) =>
    careDetail(ctx, (await ctx.loaders.elder.load(request.elderId)) as ElderRow, 'requestNote', info, () => request.note, null),
  volunteer: (request: RequestRow) => person(request.volunteerId),
  team: (request: RequestRow, _: unknown, ctx: Ctx) => (request.teamId ? ctx.loaders.team.load(request.teamId) : null),
  requestedAt: (request: RequestRow) => request.createdAt,
  history: (request: RequestRow, _: unknown, ctx: Ctx) => ctx.loaders.requestSteps.load(request.id),
};

export const ServiceRequestStep = {
  actor: (step: StepRow) => person(step.actorId),
  onBehalfOfElder: (step: StepRow) => FOR_THE_ELDER.has(step.actingAs),
};
