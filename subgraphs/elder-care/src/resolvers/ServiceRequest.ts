import { isUuid, loadReferenced } from '@civic/shared';
import type { ElderRow } from '../repositories/elders';
import { careDetail, person, readableRequest } from './guards';
import type { ServiceRequestResolvers, ServiceRequestStepResolvers } from '../generated/resolvers';

const FOR_THE_ELDER = new Set(['FAMILY_MEMBER', 'STATION_WORKER', 'OFFICER']);

/** The elder comes with a request the caller may read (checked again here), its care details withheld as on the elder. */
export const ServiceRequest: ServiceRequestResolvers = {
  __resolveReference: async (ref, ctx) => readableRequest(ctx, isUuid(ref.id) ? await ctx.loaders.request.load(ref.id.toLowerCase()) : null),

  elder: async (request, _, ctx) => {
    await readableRequest(ctx, request);
    return loadReferenced(ctx.loaders.elder, request.elderId, 'elder');
  },
  /** What the elder's side wrote is often health data ("糖尿病, 需要测血糖"): shown like the elder's care note. */
  note: async (request, _, ctx, info) =>
    careDetail(ctx, (await ctx.loaders.elder.load(request.elderId)) as ElderRow, 'requestNote', info, () => request.note, null),
  volunteer: (request) => person(request.volunteerId),
  team: (request, _, ctx) => (request.teamId ? ctx.loaders.team.load(request.teamId) : null),
  requestedAt: (request) => request.createdAt,
  history: (request, _, ctx) => ctx.loaders.requestSteps.load(request.id),
};

export const ServiceRequestStep: ServiceRequestStepResolvers = {
  actor: (step) => person(step.actorId),
  onBehalfOfElder: (step) => FOR_THE_ELDER.has(step.actingAs),
};
