/**
 * `npm run bench -- email-imap`: mail fetched by the IMAP poller from a private dovecot into tickets. First a
 * backlog (BENCH_IMAP_MAILS realistic mails appended before the poller connects: its first round), then a trickle of
 * single mails while the poller waits in IDLE, timed from the moment the server has stored each one to its commit.
 * The poller runs in this process over the embedded engine, or PostgreSQL with BENCH_EMAIL_DATABASE_URL.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '@server/app';
import { CalendarCache } from '@server/calendars/repo';
import { createKysely, openDatabase } from '@server/db/database';
import { migrateToLatest } from '@server/db/migrate';
import type { Database } from '@server/db/schema';
import { ImapPoller } from '@server/email/imap-poller';
import { Keyring } from '@server/privacy/keyring';
import { loadMasterKeys } from '@server/privacy/master-key';
import { installPreset } from '@server/sla/apply-preset';
import { startDovecot } from '@server/test/dovecot';
import { dovecotMailbox } from '@server/test/dovecot-mailbox';
import type { Kysely } from 'kysely';
import MailComposer from 'nodemailer/lib/mail-composer';

const MAILS = Number(process.env.BENCH_IMAP_MAILS ?? 500);
const TRICKLE = Number(process.env.BENCH_IMAP_TRICKLE ?? 60);
/** Longer than a round and the poller's pause before IDLE: each mail finds it waiting in IDLE. */
const TRICKLE_GAP_MS = 1000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];
const PROBLEMS = [
  ['空气净化器开机有异响', '滤网已经换过，还是响，麻烦安排检修或者换货。'],
  ['快递显示签收但没收到', '物流显示昨天下午签收，可我家里一直有人，没有收到包裹。'],
  ['发票抬头开错了', '发票抬头应为“星河科技有限公司”，税号 91310000MA1K000000，请重开。'],
  ['空调不制冷', '安装后第三天开始不制冷，出风口是常温风，遥控器显示正常。'],
  ['想退货', '尺寸不合适，商品未拆封，请问怎么申请退货？运费谁出？'],
];

/** A customer's mail as clients write it: Chinese subject and body, often HTML too, sometimes a photo or a reply. */
function customerMail(index: number, to: string, earlier: string[]): Promise<Buffer> {
  const [problem, detail] = PROBLEMS[index % PROBLEMS.length] as [string, string];
  const order = `DD2026${String(120000 + index)}`;
  const name = `${SURNAMES[index % SURNAMES.length]}先生`;
  const text = [
    '您好：',
    '',
    `我的订单 ${order}，${detail}`,
    '联系电话 138 0013 8000，工作日白天都方便接电话。',
    '',
    '谢谢！',
    name,
  ].join('\n');
  const inReplyTo = index % 5 === 4 ? earlier[index - 3] : undefined;
  return new MailComposer({
    from: { name, address: `customer${index % 200}@example.cn` },
    to,
    subject: inReplyTo ? `回复：${problem}` : `${problem}（订单 ${order}）`,
    messageId: `<${randomUUID()}@example.cn>`,
    date: new Date(),
    text: inReplyTo
      ? `${text}\n\n在 2026年12月1日 10:00，星河商城客服 写道：\n> 您好，已收到您的反馈。`
      : text,
    ...(index % 3 === 0 ? { html: `<div>${text.replace(/\n/g, '<br>')}</div>` } : {}),
    ...(inReplyTo ? { inReplyTo, references: inReplyTo } : {}),
    ...(index % 7 === 0
      ? {
          attachments: [
            {
              filename: `IMG_${index}.jpg`,
              contentType: 'image/jpeg',
              content: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(80_000)]),
            },
          ],
        }
      : {}),
  })
    .compile()
    .build();
}

async function openBenchDatabase(): Promise<{
  db: Kysely<Database>;
  engine: 'embedded' | 'postgres';
  close(): Promise<void>;
}> {
  const url = process.env.BENCH_EMAIL_DATABASE_URL;
  if (url) {
    const db = createKysely({ connectionString: url });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-imap-'));
  const database = await openDatabase({ dataDir });
  return {
    db: database.db,
    engine: 'embedded',
    async close() {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error('the poller did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function measureImapPolling(): Promise<string[]> {
  const database = await openBenchDatabase();
  const { db } = database;
  const dovecot = await startDovecot();
  const attachmentsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-imap-files-'));
  try {
    await migrateToLatest(db);
    const workspace = await db
      .insertInto('workspaces')
      .values({ name: '压测商城', slug: `bench-${randomBytes(3).toString('hex')}`, settings: '{}' })
      .returningAll()
      .executeTakeFirstOrThrow();
    await installPreset(db, new CalendarCache(), {
      workspaceId: workspace.id,
      presetId: 'multi-platform',
      actorUserId: null,
    });
    const masterKeys = loadMasterKeys({
      masterKey: randomBytes(32).toString('hex'),
      previousMasterKeys: [],
      dataDir: os.tmpdir(),
    });
    const app = await buildApp({
      db,
      engine: database.engine,
      masterKeys,
      attachments: { root: attachmentsRoot, maxBytes: 5 * 1024 * 1024 },
    });
    const keyring = new Keyring(db, masterKeys);
    const account = dovecot.addUser(`support-${randomBytes(3).toString('hex')}@bench.kefu.example`);
    const mailbox = await dovecotMailbox(db, keyring, { dovecot, account, workspaceId: workspace.id });
    const committed = async () =>
      Number(
        (
          await db
            .selectFrom('email_messages')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('workspace_id', '=', workspace.id)
            .where('channel_account_id', '=', mailbox.channel_account_id)
            .executeTakeFirstOrThrow()
        ).n,
      );

    const messageIds: string[] = [];
    const backlog: Buffer[] = [];
    for (let index = 0; index < MAILS; index += 1) {
      const raw = await customerMail(index, account.user, messageIds);
      messageIds.push(/^Message-ID: (<[^>]+>)/im.exec(raw.toString('latin1'))?.[1] ?? '');
      backlog.push(raw);
    }
    const backlogBytes = backlog.reduce((sum, raw) => sum + raw.length, 0);
    const appendStarted = performance.now();
    await dovecot.appendMany(account, backlog);
    const appendSeconds = (performance.now() - appendStarted) / 1000;

    // The IMAP side alone: the same sources, in the poller's chunks, read without marking them (BODY.PEEK).
    const reader = await dovecot.client(account);
    await reader.mailboxOpen('INBOX', { readOnly: true });
    const readStarted = performance.now();
    for (let first = 1; first <= MAILS; first += 100) {
      await reader.fetchAll(
        `${first}:${Math.min(MAILS, first + 99)}`,
        { uid: true, source: true },
        { uid: true },
      );
    }
    const readSeconds = (performance.now() - readStarted) / 1000;
    await reader.logout();

    const poller = new ImapPoller({ db, intake: app.kefu.intake, keyring }, mailbox);
    const started = performance.now();
    poller.start();
    await until(async () => (await committed()) >= MAILS, 600_000);
    const backlogSeconds = (performance.now() - started) / 1000;
    const tickets = await db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('workspace_id', '=', workspace.id)
      .executeTakeFirstOrThrow();

    // The trickle: one mail at a time into the idle mailbox, over one appending connection.
    const appender = await dovecot.client(account);
    const storedAt = new Map<string, number>();
    for (let index = 0; index < TRICKLE; index += 1) {
      const raw = await customerMail(MAILS + index, account.user, []);
      const messageId = /^Message-ID: (<[^>]+>)/im.exec(raw.toString('latin1'))?.[1] ?? '';
      await appender.append('INBOX', raw);
      storedAt.set(messageId, Date.now());
      await new Promise((resolve) => setTimeout(resolve, TRICKLE_GAP_MS));
    }
    await appender.logout();
    await until(async () => (await committed()) >= MAILS + TRICKLE, 60_000);
    const rows = await db
      .selectFrom('email_messages')
      .select(['message_id', 'created_at'])
      .where('workspace_id', '=', workspace.id)
      .where('message_id', 'in', [...storedAt.keys()])
      .execute();
    const latencies = rows
      .map((row) => new Date(row.created_at).getTime() - (storedAt.get(row.message_id) ?? 0))
      .sort((a, b) => a - b);
    await poller.stop();
    await app.close();

    return [
      `  backlog: ${MAILS} mails (${(backlogBytes / 2 ** 20).toFixed(1)} MiB; 1 in 7 with an 80 KB photo, 1 in 5 a reply) appended in ${appendSeconds.toFixed(1)} s`,
      `    download only (chunks of 100, no commit)      ${Math.round(MAILS / readSeconds)} mails/s, ${(backlogBytes / 2 ** 20 / readSeconds).toFixed(1)} MiB/s`,
      `    first round, fetched and committed            ${Math.round(MAILS / backlogSeconds)} mails/s (${backlogSeconds.toFixed(1)} s, ${Number(tickets.n)} tickets)`,
      `  trickle: ${TRICKLE} mails, one every ${TRICKLE_GAP_MS} ms, the poller in IDLE`,
      `    stored on the server → committed, p50 / p99 / max  ${percentile(latencies, 50)} / ${percentile(latencies, 99)} / ${latencies.at(-1) ?? 0} ms`,
    ];
  } finally {
    await dovecot.stop();
    await database.close();
    fs.rmSync(attachmentsRoot, { recursive: true, force: true });
  }
}
