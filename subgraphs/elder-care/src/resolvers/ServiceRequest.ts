import { isUuid } from '@civic/shared';
import type { ElderCareContext } from '../context';
import type { RequestRow, StepRow } from '../repositories/requests';
import { person, readableRequest } from './guards';

type Ctx = ElderCareContext;
const FOR_THE_ELDER = new Set(['FAMILY_MEMBER', 'STATION_WORKER', 'OFFICER']);

/** Reached through a request the caller may read, the elder comes with it. */
export const ServiceRequest = {
  __resolveReference: async (ref: { id: string }, ctx: Ctx) =>
    readableRequest(ctx, isUuid(ref.id) ? await ctx.loaders.request.load(ref.id.toLowerCase()) : null),

  elder: (request: RequestRow, _: unknown, ctx: Ctx) => ctx.loaders.elder.load(request.elderId),
  volunteer: (request: RequestRow) => person(request.volunteerId),
  team: (request: RequestRow, _: unknown, ctx: Ctx) => (request.teamId ? ctx.loaders.team.load(request.teamId) : null),
  requestedAt: (request: RequestRow) => request.createdAt,
  history: (request: RequestRow, _: unknown, ctx: Ctx) => ctx.loaders.requestSteps.load(request.id),
};

export const ServiceRequestStep = {
  actor: (step: StepRow) => person(step.actorId),
  onBehalfOfElder: (step: StepRow) => FOR_THE_ELDER.has(step.actingAs),
};
