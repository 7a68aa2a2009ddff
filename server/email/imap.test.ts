import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IntakePipeline } from '@server/intake/pipeline';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp, testDb, testVault } from '@server/test/context';
import { type Dovecot, type DovecotUser, startDovecot } from '@server/test/dovecot';
import { customerMail, dovecotMailbox } from '@server/test/dovecot-mailbox';
import { buildTeam } from '@server/test/factories';
import { until } from '@server/test/until';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ImapPoller, type ImapPollerDeps } from './imap-poller';
import { ImapPollers } from './imap-pollers';
import { mailboxById, mailboxesToPoll, setMailboxEnabled, updateMailbox } from './mailboxes';

let dovecot: Dovecot;
beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await dovecot?.stop();
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const mail = customerMail;

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name));

/** A workspace whose mailbox is a fresh dovecot account, and the deps a poller of it runs with. */
async function imapDesk(options: { folder?: string; processedFolder?: string; password?: string } = {}) {
  const app = await buildTestApp();
  const team = await buildTeam();
  const account = dovecot.addUser(`support-${randomUUID().slice(0, 8)}@kefu.test`);
  const { keyring } = testVault();
  const mailbox = await dovecotMailbox(testDb(), keyring, {
    dovecot,
    account,
    workspaceId: team.workspace.id,
    ...options,
  });
  const deps: ImapPollerDeps = {
    db: testDb(),
    intake: app.kefu.intake,
    keyring,
    // Only IDLE can bring a mail within the tests' few seconds: the safety re-check is far off.
    recheckMs: 60_000,
    backoff: { baseMs: 100, maxMs: 1_000 },
  };
  const agent = await login(app, team.agent);
  const row = () => mailboxById(testDb(), team.workspace.id, mailbox.id);
  const startPoller = async (overrides: Partial<ImapPollerDeps> = {}) => {
    const poller = new ImapPoller({ ...deps, ...overrides }, await row());
    poller.start();
    cleanups.push(() => poller.stop());
    return poller;
  };
  return { app, team, account, mailbox, deps, agent, row, startPoller };
}

async function ticketsOf(agent: TestClient) {
  return (await agent.get('/api/v1/tickets?limit=50')).json().items as { id: string; subject: string }[];
}

const detailOf = async (agent: TestClient, id: string) => (await agent.get(`/api/v1/tickets/${id}`)).json();

const ticketCount = (agent: TestClient, count: number) =>
  until(
    () => ticketsOf(agent),
    (tickets) => tickets.length === count,
  );

const allSeen = (account: DovecotUser, count: number) =>
  until(
    () => dovecot.list(account),
    (mails) => mails.length === count && mails.every((m) => m.flags.includes('\\Seen')),
  );

describe('IMAP polling against dovecot', () => {
  it('takes the unread mail waiting in the inbox, marks it read after the commit and moves the cursor past it', async () => {
    const desk = await imapDesk();
    // Read before Kefu was connected: history, not a request.
    await dovecot.append(desk.account, await mail({ subject: '上个月的旧邮件', text: '已经处理过了' }), {
      flags: ['\\Seen'],
    });
    await dovecot.append(desk.account, fixture('gbk-subject.eml'));
    await dovecot.append(
      desk.account,
      await mail({ subject: '发票抬头写错了', text: '你好，发票抬头应为星河科技。' }),
    );
    const last = await dovecot.append(
      desk.account,
      await mail({
        subject: '退货凭证',
        text: '附件是退货的快递单。',
        attachments: [{ filename: '快递单.pdf', content: PDF }],
      }),
    );

    await desk.startPoller();
    const tickets = await ticketCount(desk.agent, 3);
    expect(tickets.map((ticket) => ticket.subject).sort()).toEqual(
      ['【售后反馈】关于订单 DD20231020088 的故障处理进度', '发票抬头写错了', '退货凭证'].sort(),
    );
    const withFile = await detailOf(desk.agent, tickets.find((t) => t.subject === '退货凭证')?.id as string);
    expect(
      withFile.messages[0].attachments.map((file: { filename: string }) => file.filename).sort(),
    ).toEqual(['original.eml', '快递单.pdf']);
    const gbk = await detailOf(
      desk.agent,
      tickets.find((t) => t.subject.includes('DD20231020088'))?.id as string,
    );
    expect(gbk.messages[0].body).toContain('开机后显示故障码 E4');

    await allSeen(desk.account, 4);
    const row = await until(desk.row, (r) => r.imap_status === 'idle');
    expect(Number(row.imap_last_uid)).toBe(last);
    expect(row.imap_uid_validity).not.toBeNull();
    expect(row.imap_error).toBeNull();
    expect(row.imap_checked_at).not.toBeNull();
  });

  it('gets a mail announced in IDLE within seconds, and threads the customer’s reply into its ticket', async () => {
    const desk = await imapDesk();
    await desk.startPoller();
    await until(desk.row, (r) => r.imap_status === 'idle');

    const firstId = `<${randomUUID()}@customer.example>`;
    const sentAt = Date.now();
    await dovecot.append(
      desk.account,
      await mail({ subject: '空调不制冷', text: '上周买的空调不制冷。', messageId: firstId }),
    );
    const [ticket] = await until(
      () => ticketsOf(desk.agent),
      (tickets) => tickets.length === 1,
      5_000,
    );
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(ticket?.subject).toBe('空调不制冷');

    await dovecot.append(
      desk.account,
      await mail({ subject: 'Re: 空调不制冷', text: '师傅几点到？', inReplyTo: firstId }),
    );
    const detail = await until(
      () => detailOf(desk.agent, ticket?.id as string),
      (d) => d.messages.length === 2,
      5_000,
    );
    expect(detail.messages[1].body).toContain('师傅几点到');
    expect(await ticketsOf(desk.agent)).toHaveLength(1);
    await allSeen(desk.account, 2);
  });

  it('keeps a waiting mail and the replies to it on one ticket, in order, though a round commits side by side', async () => {
    const desk = await imapDesk();
    const firstId = `<${randomUUID()}@customer.example>`;
    await dovecot.append(
      desk.account,
      await mail({ subject: '洗衣机漏水', text: '底部一直漏水。', messageId: firstId }),
    );
    await dovecot.append(desk.account, await mail({ subject: '另一件事', text: '顺便问下保修期多久？' }));
    await dovecot.append(
      desk.account,
      await mail({ subject: 'Re: 洗衣机漏水', text: '补充：是进水管那里漏。', inReplyTo: firstId }),
    );
    await dovecot.append(
      desk.account,
      await mail({ subject: 'Re: 洗衣机漏水', text: '照片稍后发。', inReplyTo: firstId }),
    );

    await desk.startPoller();
    await allSeen(desk.account, 4);
    const tickets = await ticketCount(desk.agent, 2);
    const leak = await detailOf(desk.agent, tickets.find((t) => t.subject === '洗衣机漏水')?.id as string);
    expect(leak.messages.map((message: { body: string }) => message.body)).toEqual([
      expect.stringContaining('底部一直漏水'),
      expect.stringContaining('进水管'),
      expect.stringContaining('照片稍后发'),
    ]);
  });

  it('imports nothing twice across restarts, even when the cursor was lost and the mail is unread again', async () => {
    const desk = await imapDesk();
    await dovecot.append(
      desk.account,
      await mail({ subject: '屏幕有坏点', text: '新买的显示器有两个坏点。' }),
    );
    await dovecot.append(
      desk.account,
      await mail({ subject: '快递一直没到', text: '订单显示已签收，但我没收到。' }),
    );
    const first = await desk.startPoller();
    await ticketCount(desk.agent, 2);
    await allSeen(desk.account, 2);
    await first.stop();

    // Someone marks the mail unread in their mail client: the cursor, not the flag, says it is done.
    await dovecot.markUnseen(desk.account);
    const checked = (await desk.row()).imap_checked_at;
    await desk.startPoller();
    await until(
      desk.row,
      (r) => r.imap_status === 'idle' && r.imap_checked_at?.getTime() !== checked?.getTime(),
    );
    expect((await dovecot.list(desk.account)).every((m) => !m.flags.includes('\\Seen'))).toBe(true);
    await cleanups.pop()?.();

    // A crash after the commits but before the cursor was saved: the mail comes again and is answered duplicate.
    await testDb()
      .updateTable('email_mailboxes')
      .set({ imap_last_uid: 0 })
      .where('workspace_id', '=', desk.team.workspace.id)
      .where('id', '=', desk.mailbox.id)
      .execute();
    await desk.startPoller();
    await allSeen(desk.account, 2);
    await until(desk.row, (r) => Number(r.imap_last_uid) === 2);
    const tickets = await ticketsOf(desk.agent);
    expect(tickets).toHaveLength(2);
    for (const ticket of tickets) expect((await detailOf(desk.agent, ticket.id)).messages).toHaveLength(1);
  });

  it('starts over from the unread mail when the folder’s UIDVALIDITY changes', async () => {
    const desk = await imapDesk({ folder: 'Support' });
    await dovecot.createFolder(desk.account, 'Support');
    await dovecot.append(desk.account, await mail({ subject: '旧文件夹里的', text: '第一封。' }), {
      folder: 'Support',
    });
    await dovecot.append(desk.account, await mail({ subject: '旧文件夹里的二', text: '第二封。' }), {
      folder: 'Support',
    });
    const first = await desk.startPoller();
    await ticketCount(desk.agent, 2);
    const before = await until(desk.row, (r) => Number(r.imap_last_uid) === 2);
    await first.stop();

    // The folder is re-created (a server migration, a restore): its UIDs start again at 1.
    await dovecot.deleteFolder(desk.account, 'Support');
    await dovecot.createFolder(desk.account, 'Support');
    const seen = { folder: 'Support', flags: ['\\Seen'] };
    await dovecot.append(
      desk.account,
      await mail({ subject: '迁移过来的旧邮件', text: '早就处理过。' }),
      seen,
    );
    await dovecot.append(desk.account, await mail({ subject: '迁移后的新邮件', text: '新的问题。' }), {
      folder: 'Support',
    });
    await desk.startPoller();
    const tickets = await ticketCount(desk.agent, 3);
    expect(tickets.map((t) => t.subject)).toContain('迁移后的新邮件');
    const after = await until(desk.row, (r) => r.imap_status === 'idle' && r.imap_uid_validity !== null);
    expect(after.imap_uid_validity).not.toEqual(before.imap_uid_validity);
    expect(Number(after.imap_last_uid)).toBe(2);
    expect(await ticketsOf(desk.agent)).toHaveLength(3);
  });

  it('moves committed mail to the processed folder when one is set', async () => {
    const desk = await imapDesk({ processedFolder: 'Processed' });
    await dovecot.append(desk.account, await mail({ subject: '耳机左边没声音', text: '左耳没有声音。' }));
    await desk.startPoller();
    await ticketCount(desk.agent, 1);
    await dovecot.append(desk.account, await mail({ subject: '想换个颜色', text: '能换成白色吗？' }));
    await ticketCount(desk.agent, 2);

    const processed = await until(
      () => dovecot.list(desk.account, 'Processed'),
      (mails) => mails.length === 2,
    );
    expect(processed.every((m) => m.messageId?.endsWith('@customer.example>'))).toBe(true);
    expect(await dovecot.list(desk.account)).toEqual([]);
  });

  it('leaves a mail that failed to commit unread, keeps the cursor before it and takes it on a later round', async () => {
    const desk = await imapDesk();
    // The database refuses the mails with these subjects, as if it were down when they came.
    const refused = new Set(['发错货了']);
    const intake = {
      vault: desk.app.kefu.intake.vault,
      accept: async (messages) => {
        if (messages.some((m) => refused.has(m.subject ?? ''))) throw new Error('connection terminated');
        return desk.app.kefu.intake.accept(messages);
      },
    } as IntakePipeline;
    const first = await dovecot.append(
      desk.account,
      await mail({ subject: '发错货了', text: '收到的是黑色。' }),
    );
    await desk.startPoller({ intake });

    let row = await until(desk.row, (r) => r.imap_status === 'error');
    expect(row.imap_error).toBe(`not imported yet, retrying: UID ${first}`);
    expect(row.imap_uid_validity).toBeNull();
    expect((await dovecot.list(desk.account))[0]?.flags).not.toContain('\\Seen');
    expect(await ticketsOf(desk.agent)).toHaveLength(0);

    // The database is back; the next mail's IDLE announcement starts the round that takes both.
    refused.clear();
    const second = await dovecot.append(
      desk.account,
      await mail({ subject: '还要一个发票', text: '请开电子发票。' }),
    );
    await ticketCount(desk.agent, 2);
    await allSeen(desk.account, 2);
    row = await until(desk.row, (r) => r.imap_status === 'idle');
    expect(row.imap_error).toBeNull();
    expect(Number(row.imap_last_uid)).toBe(second);

    // Past the first round: a failure holds the cursor while the mail after it is taken.
    refused.add('第三封');
    const third = await dovecot.append(desk.account, await mail({ subject: '第三封', text: '屏幕碎了。' }));
    const fourth = await dovecot.append(desk.account, await mail({ subject: '第四封', text: '电池鼓包。' }));
    await ticketCount(desk.agent, 3);
    row = await until(desk.row, (r) => r.imap_status === 'error');
    expect(row.imap_error).toBe(`not imported yet, retrying: UID ${third}`);
    expect(Number(row.imap_last_uid)).toBe(second);
    const flags = new Map((await dovecot.list(desk.account)).map((m) => [m.uid, m.flags]));
    expect(flags.get(third)).not.toContain('\\Seen');
    expect(flags.get(fourth)).toContain('\\Seen');

    refused.clear();
    const fifth = await dovecot.append(desk.account, await mail({ subject: '第五封', text: '还没发货。' }));
    const tickets = await ticketCount(desk.agent, 5);
    row = await until(desk.row, (r) => r.imap_status === 'idle' && Number(r.imap_last_uid) === fifth);
    expect(row.imap_error).toBeNull();
    await allSeen(desk.account, 5);
    for (const ticket of tickets) expect((await detailOf(desk.agent, ticket.id)).messages).toHaveLength(1);
  });

  it('leaves a mail above the size cap on the server and says so, without holding up the rest', async () => {
    const desk = await imapDesk();
    const big = await dovecot.append(
      desk.account,
      await mail({
        subject: '视频',
        text: '见附件',
        attachments: [{ filename: 'a.pdf', content: Buffer.alloc(300_000, 0x25) }],
      }),
    );
    await dovecot.append(desk.account, await mail({ subject: '小问题', text: '包装破了。' }));
    await desk.startPoller({ maxMessageBytes: 100_000 });
    const [ticket] = await ticketCount(desk.agent, 1);
    expect(ticket?.subject).toBe('小问题');
    const row = await until(desk.row, (r) => r.imap_status === 'idle' && r.imap_uid_validity !== null);
    expect(row.imap_error).toBe(`left unread on the server, larger than 98 KB: UID ${big}`);
    const mails = await dovecot.list(desk.account);
    expect(mails.find((m) => m.uid === big)?.flags).not.toContain('\\Seen');
    expect(Number(row.imap_last_uid)).toBe(big + 1);
  });

  it('reports a wrong password on the mailbox, and picks the mailbox up again once the password is fixed', async () => {
    const desk = await imapDesk({ password: 'not the password' });
    await dovecot.append(desk.account, await mail({ subject: '在吗', text: '咨询一下保修。' }));
    const pollers = new ImapPollers({
      ...desk.deps,
      reconcileMs: 60_000,
      mailboxes: async () =>
        (await mailboxesToPoll(testDb())).filter((m) => m.workspace_id === desk.team.workspace.id),
    });
    cleanups.push(() => pollers.stop());
    pollers.start();

    const failed = await until(desk.row, (r) => r.imap_status === 'error');
    expect(failed.imap_error).toBe('login refused: check the user name and password');
    expect(failed.imap_error).not.toContain(desk.account.user);
    expect(await ticketsOf(desk.agent)).toHaveLength(0);

    // The admin corrects the password: the settings changed, so the poller starts over with them.
    await updateMailbox(testDb(), desk.deps.keyring, desk.team.workspace.id, desk.mailbox.id, {
      imap: {
        host: dovecot.host,
        port: dovecot.port,
        tls: false,
        user: desk.account.user,
        password: desk.account.password,
        folder: 'INBOX',
        processedFolder: null,
      },
    });
    await pollers.reconcile();
    await ticketCount(desk.agent, 1);
    const healthy = await until(desk.row, (r) => r.imap_status === 'idle');
    expect(healthy.imap_error).toBeNull();

    await setMailboxEnabled(testDb(), desk.team.workspace.id, desk.mailbox.id, false);
    await pollers.reconcile();
    expect(pollers.polled()).toEqual([]);
    expect((await desk.row()).imap_status).toBe('off');
  });
});
