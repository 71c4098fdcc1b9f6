import type { WebhookMatch } from '../repositories/webhooks';

/**
 * The body a partner receives for one notice, as Standard Webhooks shapes it
 * (`type`, `timestamp`, `data`). Only what any partner may see: the notice's kind,
 * ids, time, region and sending subgraph. Never its text, its recipient or anything
 * naming a person: a partner that may see more asks the graph by these ids with its
 * own token, and sees what its role sees.
 */
export function webhookBody(match: WebhookMatch): string {
  return JSON.stringify({
    type: `notice.${match.kind}`,
    timestamp: new Date(match.createdAt).toISOString(),
    data: {
      noticeId: match.noticeId,
      kind: match.kind,
      subjectType: match.subjectType,
      subjectId: match.subjectId,
      regionCode: match.regionCode,
      source: match.source,
    },
  });
}
