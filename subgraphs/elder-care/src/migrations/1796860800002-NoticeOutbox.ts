import { noticeOutboxMigration } from '@civic/shared';

/** The notices elder care writes beside its changes, for the relay to deliver (issue 16.2). */
export const NoticeOutbox1796860800002 = noticeOutboxMigration('elder_care', 1796860800002);
