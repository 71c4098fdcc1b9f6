import { assertRegionCode, badUserInput, newWebhookSecret, NOTICE_KINDS, parseWebhookUrl, type Sql, type Write } from '@civic/shared';
import type { DirectoryContext } from '../context';
import { webhookRepository, type WebhookDeliveryRow, type WebhookRow } from '../repositories/webhooks';
import { parsePartnerName, partnerOrCityAdmin, readablePartner, registeringPartner } from '../domain/webhookAccess';
import { webhookBody } from '../domain/webhookPayload';

export interface RegisterWebhookArgs {
  partner: string | null;
  url: string;
  kinds: string[];
  regionCode: string;
}

/** What registerWebhook answers: the webhook, and its signing secret, which no read ever shows. */
export interface WebhookRegistration {
  webhook: WebhookRow;
  secret: string;
}

export function parseWebhookKinds(kinds: readonly string[]): string[] {
  const unique = [...new Set(kinds)];
  if (!unique.length) throw badUserInput('kinds: subscribe to at least one kind of notice', { argument: 'kinds' });
  const unknown = unique.filter((kind) => !(NOTICE_KINDS as readonly string[]).includes(kind));
  if (unknown.length) throw badUserInput(`kinds: unknown ${unknown.join(', ')}`, { argument: 'kinds' });
  return unique.sort();
}

export const parseRegistration = (args: Omit<RegisterWebhookArgs, 'partner'> & { partner?: string | null }, production: boolean): RegisterWebhookArgs => ({
  partner: parsePartnerName(args.partner),
  url: parseWebhookUrl(args.url, production),
  kinds: parseWebhookKinds(args.kinds),
  regionCode: assertRegionCode(args.regionCode, 'regionCode'),
});

export async function registerWebhook(w: Write<DirectoryContext>, args: RegisterWebhookArgs): Promise<WebhookRegistration> {
  const partner = registeringPartner(w.identity, args.partner);
  w.require(partnerOrCityAdmin, { partner, regionCode: args.regionCode });
  const [region] = await w.tx.query(`/* webhookRegionExists */ SELECT 1 FROM directory.region WHERE code = $1`, [args.regionCode]);
  if (!region) throw badUserInput(`regionCode: no region ${args.regionCode}`, { argument: 'regionCode' });
  const secret = newWebhookSecret();
  const webhook = await webhookRepository(w.tx).insert({
    partner,
    url: args.url,
    kinds: args.kinds,
    regionCode: args.regionCode,
    secretSealed: w.ctx.webhookSecrets.seal(secret),
    createdBy: w.actor,
  });
  return { webhook, secret };
}

/**
 * A registration again, for a retry with the same idempotencyKey (same caller, same
 * arguments): its first answer may have been lost on the way, and without the secret
 * the webhook could not be verified, so the retry answers the same secret.
 */
export async function registrationAgain(tx: Sql, id: string, ctx: DirectoryContext): Promise<WebhookRegistration | null> {
  const row = await webhookRepository(tx).byIdWithSecret(id);
  if (!row) return null;
  const { secretSealed, ...webhook } = row;
  return { webhook, secret: ctx.webhookSecrets.open(secretSealed) };
}

export async function replayWebhookDelivery(w: Write<DirectoryContext>, id: string): Promise<WebhookDeliveryRow | null> {
  return webhookRepository(w.tx).replay(id, readablePartner(w.identity, null), new Date());
}

/**
 * Fans the notices just kept out to the webhooks that subscribe to them, in the
 * feed's own transaction: one delivery per notice and webhook, its body fixed now.
 */
export async function enqueueWebhookDeliveries(tx: Sql, noticeIds: readonly string[]): Promise<number> {
  if (!noticeIds.length) return 0;
  const webhooks = webhookRepository(tx);
  const matches = await webhooks.matches(noticeIds);
  return webhooks.enqueue(matches.map((m) => ({ webhookId: m.webhookId, noticeId: m.noticeId, kind: m.kind, body: webhookBody(m) })));
}
