import { noticeOutboxMigration } from '@civic/shared';

/** The notices the stations write beside their changes, for the relay to deliver (issue 16.2). */
export const NoticeOutbox1796860800004 = noticeOutboxMigration('neighbour_stations', 1796860800004);
