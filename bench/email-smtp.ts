/**
 * `npm run bench -- email-smtp`: mail handed to Kefu's SMTP listener by real SMTP clients (nodemailer, pooled
 * connections), each answered 250 only once its ticket is committed — so mails/s here is mails/s into tickets.
 * Kefu runs as its own process (`npm start`'s main.ts) on the embedded engine, or PostgreSQL with
 * BENCH_EMAIL_DATABASE_URL; the clients run in this process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { login } from '@server/test/kefu-http';
import { type RunningKefu, smtpPortOf, startKefuProcess } from '@server/test/kefu-process';
import nodemailer from 'nodemailer';

const MAILS = Number(process.env.BENCH_EMAIL_MAILS ?? 1000);
const CONNECTIONS = 8;
const ADMIN = { email: 'owner@kefu.example', password: 'mail intake passphrase 2026' };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** A customer's mail as clients write it: a Chinese subject and body, quoted history, now and then a photo. */
function customerMail(index: number, to: string) {
  return {
    from: { name: `客户${index}`, address: `customer${index}@example.cn` },
    to,
    subject: `订单 DD2026120${String(index).padStart(5, '0')} 的售后问题`,
    text: [
      '您好，',
      '',
      `我在 11 月 28 日买的空气净化器（订单 DD2026120${String(index).padStart(5, '0')}）开机后有异响，`,
      '滤网已经换过，麻烦安排检修或者换货。联系电话 13812345678。',
      '',
      '在 2026年11月28日 10:00，星河商城客服 写道：',
      '> 您好，请问有什么可以帮您？',
    ].join('\n'),
    ...(index % 10 === 0
      ? {
          attachments: [
            { filename: 'photo.png', content: Buffer.alloc(40_000, 1), contentType: 'image/png' },
          ],
        }
      : {}),
  };
}

async function runOnce(engine: 'embedded' | 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-email-'));
  const databaseUrl = process.env.BENCH_EMAIL_DATABASE_URL;
  let kefu: RunningKefu | null = null;
  try {
    kefu = await startKefuProcess({
      KEFU_DATA_DIR: dataDir,
      KEFU_DEMO: '0',
      KEFU_ADMIN_EMAIL: ADMIN.email,
      KEFU_ADMIN_PASSWORD: ADMIN.password,
      ...(engine === 'postgres' && databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });
    const port = await smtpPortOf(kefu);
    const admin = await login(kefu.baseUrl, ADMIN);
    const address = 'support@bench.kefu.example';
    const created = await admin.post('/api/v1/email/mailboxes', { address, displayName: '客服' });
    if (!created.ok) throw new Error(`mailbox: ${created.status} ${await created.text()}`);

    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      ignoreTLS: true,
      pool: true,
      maxConnections: CONNECTIONS,
      maxMessages: Number.POSITIVE_INFINITY,
    });
    const latencies: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < MAILS) {
          const index = next++;
          const sent = performance.now();
          await transport.sendMail(customerMail(index, address));
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    transport.close();
    let tickets = 0;
    let cursor: string | null = null;
    do {
      const page = (await (
        await admin.get(`/api/v1/tickets?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).json()) as { items: unknown[]; nextCursor: string | null };
      tickets += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    latencies.sort((a, b) => a - b);
    return {
      engine,
      mails: MAILS,
      mailsPerSecond: Math.round(MAILS / seconds),
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
      tickets,
    };
  } finally {
    await kefu?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureSmtpIntake() {
  const runs = [await runOnce('embedded')];
  if (process.env.BENCH_EMAIL_DATABASE_URL) runs.push(await runOnce('postgres'));
  return runs;
}
