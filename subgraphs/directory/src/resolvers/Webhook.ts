import { isStringPair, parsePage, toConnection, type PageArgs } from '@civic/shared';
import type { DirectoryContext } from '../context';
import { parsePartnerName, readablePartner } from '../domain/webhookAccess';
import { webhookRepository, type WebhookDeliveryRow } from '../repositories/webhooks';

export const webhookQueries = {
  webhooks: (_: unknown, args: { partner?: string | null }, ctx: DirectoryContext) =>
    webhookRepository(ctx.db).list(readablePartner(ctx.identity, parsePartnerName(args.partner))),

  async webhookDeadLetters(_: unknown, args: PageArgs & { partner?: string | null }, ctx: DirectoryContext) {
    const partner = readablePartner(ctx.identity, parsePartnerName(args.partner));
    const page = parsePage(args, 'Query.webhookDeadLetters', isStringPair);
    const { rows, total } = await webhookRepository(ctx.db).deadLetters(partner, page);
    return toConnection(rows, page, total, (row) => [(row.deadAt as Date).toISOString(), row.id]);
  },
};

export const WebhookDelivery = {
  webhook: (row: WebhookDeliveryRow, _: unknown, ctx: DirectoryContext) => ctx.loaders.webhook.load(row.webhookId),
};
