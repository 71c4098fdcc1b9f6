import type { NoticeDraft } from '@civic/shared';
import type { HelpKind } from './vocabulary';

/** 五助 as a volunteer reads them. */
const HELP_WORDS: Record<HelpKind, string> = { CHILDREN: '助幼', EDUCATION: '助学', MEDICAL: '助医', ELDERLY: '助老', HARDSHIP: '助困' };

/** The volunteer an order is dispatched to hears of it (issue 16.2). */
export function orderDispatchedNotice(order: { id: string; help: HelpKind }, stationName: string, volunteerId: string): NoticeDraft {
  return {
    kind: 'ORDER_DISPATCHED',
    recipientId: volunteerId,
    subjectType: 'StationOrder',
    subjectId: order.id,
    text: `${stationName}派给您一张${HELP_WORDS[order.help]}订单，请尽快接单。`,
  };
}

/** The one on duty hears of their slot 12 hours before it starts (the sweep in module.ts). */
export function dutyReminder(duty: { slotId: string; personId: string; stationName: string; startsAtChina: string }) {
  return {
    recipientId: duty.personId,
    subjectType: 'DutySlot',
    subjectId: duty.slotId,
    text: `提醒：您在${duty.stationName}的值班将于 ${duty.startsAtChina} 开始。`,
  };
}
