import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';
import { receiveEmail } from './inbound';
import { mailboxById } from './mailboxes';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name));
const address = () => `desk-${randomUUID().slice(0, 8)}@kefu.test`;

async function adminDesk() {
  const app = await buildTestApp();
  const team = await buildTeam();
  return { app, team, admin: await login(app, team.admin), agent: await login(app, team.agent) };
}

async function mailboxOf(admin: TestClient) {
  const created = await admin.post('/api/v1/email/mailboxes', {
    address: address(),
    imap: { host: 'imap.example.cn', user: 'kefu', password: 'imap-secret' },
    smtp: { host: 'smtp.example.cn', user: 'kefu', password: 'smtp-secret' },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

describe('mailboxes in the admin API', () => {
  it('keeps passwords write-only and sealed, and refuses an address another mailbox has', async () => {
    const { admin, agent, team } = await adminDesk();
    const mailbox = await mailboxOf(admin);
    expect(mailbox.imap).toMatchObject({ host: 'imap.example.cn', port: 993, tls: true, passwordSet: true });
    expect(mailbox.smtp).toMatchObject({ port: 587, security: 'starttls', passwordSet: true });
    expect(JSON.stringify(mailbox)).not.toContain('secret');
    const row = await mailboxById(testDb(), team.workspace.id, mailbox.id);
    expect(row.imap_password_ciphertext).not.toContain('imap-secret');

    // A change that leaves the password out keeps it.
    const renamed = await admin.patch(`/api/v1/email/mailboxes/${mailbox.id}`, {
      displayName: '售后客服',
      smtp: { host: 'smtp2.example.cn', user: 'kefu' },
    });
    expect(renamed.json()).toMatchObject({
      displayName: '售后客服',
      smtp: { host: 'smtp2.example.cn', passwordSet: true },
    });

    // Switching it off names nothing else and changes nothing else.
    const off = await admin.patch(`/api/v1/email/mailboxes/${mailbox.id}`, { enabled: false });
    expect(off.json()).toMatchObject({
      enabled: false,
      displayName: '售后客服',
      imap: { host: 'imap.example.cn', passwordSet: true },
      smtp: { host: 'smtp2.example.cn', passwordSet: true },
    });

    const taken = await admin.post('/api/v1/email/mailboxes', { address: mailbox.address.toUpperCase() });
    expect(taken.statusCode).toBe(409);
    expect(taken.headers['content-type']).toContain('application/problem+json');
    expect(taken.json().errors).toEqual([expect.objectContaining({ path: 'body/address' })]);

    const bad = await admin.post('/api/v1/email/mailboxes', {
      address: 'not-an-address',
      smtp: { host: '', port: 70000 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
    ).toEqual(['body/address', 'body/smtp/host', 'body/smtp/port']);
    // Agents work with mail; they do not configure mailboxes.
    expect((await agent.get('/api/v1/email/mailboxes')).statusCode).toBe(403);
  });
});

describe("a received mail's HTML for agents", () => {
  it('is served sanitised under a CSP sandbox, with its inline image embedded and remote ones withheld', async () => {
    const { app, admin, agent, team } = await adminDesk();
    const mailbox = await mailboxById(testDb(), team.workspace.id, (await mailboxOf(admin)).id);
    const deps = { db: testDb(), intake: app.kefu.intake };

    const hostile = await receiveEmail(deps, mailbox, fixture('html-only-xss.eml'));
    if (hostile.status !== 'accepted') throw new Error(hostile.status);
    const details = (await agent.get(`/api/v1/messages/${hostile.messageId}/email`)).json();
    expect(details).toMatchObject({
      hasHtml: true,
      automatic: null,
      htmlUrl: `/api/v1/messages/${hostile.messageId}/email.html`,
    });
    const page = await agent.get(details.htmlUrl);
    expect(page.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'; img-src data:;/);
    expect(page.body).toContain('订单 DD2023102100');
    const mailPart = page.body.slice(page.body.indexOf('<body>'));
    for (const vector of [
      '<script',
      'onload',
      'onerror',
      'javascript:',
      'vbscript:',
      '<iframe',
      '<object',
      '<embed',
      '<base',
      '<meta',
      '<link',
      '<style',
    ])
      expect(mailPart.toLowerCase(), vector).not.toContain(vector);

    const inline = await receiveEmail(deps, mailbox, fixture('inline-image.eml'));
    if (inline.status !== 'accepted') throw new Error(inline.status);
    const shown = await agent.get(`/api/v1/messages/${inline.messageId}/email.html`);
    expect(shown.body).toMatch(/<img[^>]+src="data:image\/png;base64,/);
    expect(shown.body).not.toContain('cid:');
    // The page is as masked as the thread; the unmasked original is for those who may reveal, on the record.
    const personal = await receiveEmail(
      deps,
      mailbox,
      Buffer.from(
        [
          'From: 王芳 <wang.fang@customer.example>',
          `To: ${mailbox.address}`,
          'Subject: 回电',
          `Message-ID: <${randomUUID()}@customer.example>`,
          'Content-Type: text/html; charset=utf-8',
          '',
          '<p title="13812345678">请回电 <b>138&#32;1234&#32;5678</b>，或写信到 <a href="mailto:wang.fang@customer.example">wang.fang&#64;customer.example</a></p>',
        ].join('\r\n'),
      ),
    );
    if (personal.status !== 'accepted') throw new Error(personal.status);
    const masked = (await agent.get(`/api/v1/messages/${personal.messageId}/email.html`)).body;
    expect(masked).toContain('138 **** 5678');
    expect(masked).not.toMatch(/1234|13812345678/);
    expect(masked).not.toContain('wang.fang@customer.example');
    const originalId = (await agent.get(`/api/v1/messages/${personal.messageId}/email`)).json()
      .originalAttachmentId;
    expect((await agent.get(`/api/v1/attachments/${originalId}`)).statusCode).toBe(403);
    const original = await admin.get(`/api/v1/attachments/${originalId}`);
    expect(original.headers['content-type']).toBe('message/rfc822');
    // It downloads; it never renders as a page of ours.
    expect(original.headers['content-disposition']).toMatch(/^attachment;/);
    expect(original.body).toContain('13812345678');
    const audit = await testDb()
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('workspace_id', '=', team.workspace.id)
      .where('action', '=', 'pii.original_email_downloaded')
      .execute();
    expect(audit).toEqual([{ action: 'pii.original_email_downloaded', target_id: originalId }]);
  });
});
