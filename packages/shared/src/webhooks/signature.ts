import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Partners' webhooks are signed as the Standard Webhooks spec says
 * (https://www.standardwebhooks.com/), so that a partner verifies them with that
 * project's library in its own language: HMAC-SHA256 over
 * `<webhook-id>.<webhook-timestamp>.<exact body>`, keyed with the base64 part of a
 * `whsec_` secret, sent as `v1,<base64>` in `webhook-signature`.
 */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes, as the spec writes it (`whsec_<base64>`). */
export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export interface SignedWebhookHeaders {
  'webhook-id': string;
  /** Unix seconds */
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three headers of one delivery attempt: its stable id, the attempt's time, and the signature over both and the body. */
export function signWebhook(secret: string, id: string, at: Date, body: string): SignedWebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}
