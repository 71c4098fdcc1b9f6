import type { NoticeDraft } from '@civic/shared';
import type { ElderFacts, RequestAction } from './requestFlow';
import type { ServiceCategory } from './vocabulary';

/** 助餐, 探访, 就医, 陪伴: the categories as a carer reads them. */
const CATEGORY_WORDS: Record<ServiceCategory, string> = { MEAL: '助餐', VISIT: '探访', CLINIC: '陪同就医', COMPANIONSHIP: '陪伴' };

interface RequestFacts {
  id: string;
  category: ServiceCategory;
  hours: number | string | null;
}

/**
 * Who must hear of one step of a request (issue 16.2), as outbox drafts: its
 * carers when it is claimed, completed or cancelled; the elder's side (the elder
 * and the carers) when hours await their confirmation. Nobody hears of their own
 * step.
 */
export function requestStepNotices(action: RequestAction, request: RequestFacts, elder: ElderFacts, actor: string): NoticeDraft[] {
  const what = `${CATEGORY_WORDS[request.category]}服务请求`;
  const about = { subjectType: 'ServiceRequest', subjectId: request.id };
  const to = (ids: readonly (string | null)[], kind: NoticeDraft['kind'], text: string): NoticeDraft[] =>
    [...new Set(ids.filter((id): id is string => Boolean(id) && id !== actor))].map((recipientId) => ({ kind, recipientId, text, ...about }));
  switch (action) {
    case 'CLAIM':
      return to(elder.carerIds, 'REQUEST_CLAIMED', `您照护的长者的${what}已由志愿者认领。`);
    case 'CANCEL':
      return to(elder.carerIds, 'REQUEST_CANCELLED', `您照护的长者的${what}已取消。`);
    case 'COMPLETE':
      return [
        ...to(elder.carerIds, 'REQUEST_COMPLETED', `您照护的长者的${what}已完成。`),
        ...to([elder.personId, ...elder.carerIds], 'HOURS_PENDING', `志愿者为这次${what}记录了 ${Number(request.hours)} 小时，请评价以确认时长。`),
      ];
    default:
      return [];
  }
}
