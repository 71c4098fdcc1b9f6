import { noticeOutboxMigration } from '@civic/shared';

/** The notices veteran volunteering writes (shift reminders), for the relay to deliver (issue 16.2). */
export const NoticeOutbox1796860800003 = noticeOutboxMigration('veteran_volunteers', 1796860800003);
