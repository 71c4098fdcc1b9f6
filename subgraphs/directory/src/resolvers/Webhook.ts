import { isStringPair, loadReferenced, parsePage, toConnection } from '@civic/shared';
import { parsePartnerName, readablePartner } from '../domain/webhookAccess';
import { webhookRepository } from '../repositories/webhooks';
import type { QueryResolvers, WebhookDeliveryResolvers } from '../generated/resolvers';

export const webhookQueries: QueryResolvers = {
  webhooks: (_, args, ctx) => webhookRepository(ctx.db).list(readablePartner(ctx.identity, parsePartnerName(args.partner))),

  async webhookDeadLetters(_, args, ctx) {
    const partner = readablePartner(ctx.identity, parsePartnerName(args.partner));
    const page = parsePage(args, 'Query.webhookDeadLetters', isStringPair);
    const { rows, total } = await webhookRepository(ctx.db).deadLetters(partner, page);
    return toConnection(rows, page, total, (row) => [(row.deadAt as Date).toISOString(), row.id]);
  },
};

export const WebhookDelivery: WebhookDeliveryResolvers = {
  webhook: (row, _, ctx) => loadReferenced(ctx.loaders.webhook, row.webhookId, 'webhook'),
};
