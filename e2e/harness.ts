import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningKefu, startKefuProcess } from '@server/test/kefu-process';
import { type Browser, chromium, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve('test-results', 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface Journey {
  kefu: RunningKefu;
  browser: Browser;
  page: Page;
  baseUrl: string;
  admin: { email: string; password: string };
  dataDir: string;
  close(): Promise<void>;
}

/** A real Kefu process on a fresh data directory and a real Chromium pointed at it. */
export async function startJourney(options: { demo?: boolean } = {}): Promise<Journey> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-e2e-'));
  const admin = { email: 'owner@xinghe.example', password: 'journey passphrase 2026' };
  const kefu = await startKefuProcess({
    KEFU_DATA_DIR: dataDir,
    KEFU_ADMIN_EMAIL: admin.email,
    KEFU_ADMIN_PASSWORD: admin.password,
    KEFU_DEMO: options.demo ? '1' : '0',
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
  const page = await context.newPage();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    kefu,
    browser,
    page,
    baseUrl: `http://127.0.0.1:${kefu.port}`,
    admin,
    dataDir,
    async close() {
      await browser.close();
      await kefu.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The shared password of the demo accounts, as `npm start` wrote it for the operator. */
export function demoPassword(journey: Journey): string {
  const logins = fs.readFileSync(path.join(journey.dataDir, 'demo-logins.txt'), 'utf8');
  const password = logins.split('\n')[1]?.trim();
  if (!password) throw new Error('demo-logins.txt has no password line');
  return password;
}

export async function logIn(
  journey: Journey,
  credentials: { email: string; password: string },
): Promise<void> {
  const { page, baseUrl } = journey;
  await page.goto(`${baseUrl}/login`);
  await page.fill('#login-email', credentials.email);
  await page.fill('#login-password', credentials.password);
  await page.click('[data-testid="login-submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
