import type { DataSource } from 'typeorm';
import { createDataSource } from '@civic/shared';
import { createTestDatabase, type TestDatabase } from '@civic/shared/src/testing';
import { pushNotices, type PushMessage } from '../src/services/noticePush';

const COMMUNITY = '350105001004';

/** The push on its own database copy, with no subgraph (and so no background job) running beside it. */
describe("notices pushed to people's phones", () => {
  let database: TestDatabase;
  let db: DataSource;
  let sent: PushMessage[];
  const sender = { send: async (messages: PushMessage[]) => void sent.push(...messages) };
  const person = async (name: string, phone: string | null, hasPhone = true, actedForBy: string | null = null) =>
    (
      await db.query(
        `INSERT INTO directory.person (name, gender, birth_date, region_code, phone, has_phone, acted_for_by)
         VALUES ($1, 'FEMALE', '1940-01-01', $2, $3, $4, $5) RETURNING id`,
        [name, COMMUNITY, phone, hasPhone, actedForBy],
      )
    )[0].id as string;
  const notice = (recipient: string, text: string) =>
    db.query(
      `INSERT INTO directory.notice (id, recipient_id, kind, subject_type, subject_id, text, source, created_at)
       VALUES (gen_random_uuid(), $1, 'HOURS_PENDING', 'ServiceRequest', 'r', $2, 'elder-care', now())`,
      [recipient, text],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource({
      url: database.url,
      schema: 'directory',
      entities: [],
      migrations: [],
      poolSize: 2,
      applicationName: 'notice-push-test',
    }).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });
  beforeEach(() => {
    sent = [];
  });

  it("when notices are kept, then each goes once to its person's phone, or to whoever acts for one without a phone; with neither, it stays in the feed alone", async () => {
    const daughter = await person('林秀英', '13959101234');
    const elder = await person('陈阿婆', null, false, daughter);
    const alone = await person('黄阿公', null, false);
    await notice(daughter, '给女儿');
    await notice(elder, '给阿婆');
    await notice(alone, '给阿公');

    expect(await pushNotices(db, sender)).toBe(3);
    expect(sent.map((m) => [m.text, m.phone]).sort()).toEqual([
      ['给女儿', '13959101234'],
      ['给阿婆', '13959101234'],
    ]);
    const rows = await db.query(`SELECT text, pushed_to, pushed_at IS NOT NULL AS pushed FROM directory.notice ORDER BY text`);
    expect(rows).toEqual([
      { text: '给女儿', pushed_to: '139****1234', pushed: true },
      { text: '给阿公', pushed_to: null, pushed: true },
      { text: '给阿婆', pushed_to: '139****1234', pushed: true },
    ]);
    sent = [];
    expect(await pushNotices(db, sender)).toBe(0);
    expect(sent).toEqual([]);
  });

  it('when the sender fails, then nothing is marked and the next pass sends the batch', async () => {
    const volunteer = await person('王建国', '13800001111');
    await notice(volunteer, '派单');
    const failing = { send: async () => Promise.reject(new Error('the SMS provider is away')) };
    await expect(pushNotices(db, failing)).rejects.toThrow('away');
    expect(await pushNotices(db, sender)).toBe(1);
    expect(sent.map((m) => m.text)).toEqual(['派单']);
  });
});
