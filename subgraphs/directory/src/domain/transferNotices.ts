import type { NoticeDraft } from '@civic/shared';

export interface Transfer {
  volunteerId: string;
  name: string;
  /** the old and the new community's names */
  from: string;
  to: string;
  /** the managers of the open stations of both communities */
  stationManagers: string[];
  /** the officers appointed for both communities (appointOfficer) */
  officers: string[];
}

/** 转移接续: the volunteer hears that their record moved with its hours; the stations and officers of both sides, who moved. */
export function transferNotices(t: Transfer): NoticeDraft[] {
  const about = { kind: 'VOLUNTEER_TRANSFERRED' as const, subjectType: 'Volunteer', subjectId: t.volunteerId };
  return [
    { ...about, recipientId: t.volunteerId, text: `您的志愿者档案已由${t.from}转至${t.to}，服务记录和时长随档案一并转移。` },
    ...[...new Set([...t.stationManagers, ...t.officers])]
      .filter((id) => id !== t.volunteerId)
      .map((recipientId) => ({ ...about, recipientId, text: `志愿者${t.name}的档案已由${t.from}转至${t.to}，服务记录和时长随之转移。` })),
  ];
}
