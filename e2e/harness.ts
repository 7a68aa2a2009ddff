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

/**
 * A real Kefu process on a fresh data directory and a real Chromium pointed at it. `env` adds to the process's
 * environment, e.g. `KEFU_TEST_HOOKS: '1'` for the routes that move the server's clock.
 */
export async function startJourney(
  options: { demo?: boolean; env?: Record<string, string> } = {},
): Promise<Journey> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-e2e-'));
  const admin = { email: 'owner@xinghe.example', password: 'journey passphrase 2026' };
  const kefu = await startKefuProcess({
    KEFU_DATA_DIR: dataDir,
    KEFU_ADMIN_EMAIL: admin.email,
    KEFU_ADMIN_PASSWORD: admin.password,
    KEFU_DEMO: options.demo ? '1' : '0',
    ...options.env,
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await newPersonPage(browser);
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

/** A page in a browser context of its own: a second person, with their own cookies, beside the first. */
export async function newPersonPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
  return context.newPage();
}

/** The shared password of the demo accounts, as `npm start` wrote it for the operator. */
export function demoPassword(journey: Journey): string {
  const logins = fs.readFileSync(path.join(journey.dataDir, 'demo-logins.txt'), 'utf8');
  const password = logins.split('\n')[1]?.trim();
  if (!password) throw new Error('demo-logins.txt has no password line');
  return password;
}

/** Logs in on the journey's page, or on another one (a second person in a context of their own). */
export async function logIn(
  journey: Journey,
  credentials: { email: string; password: string },
  page: Page = journey.page,
): Promise<void> {
  const { baseUrl } = journey;
  await page.goto(`${baseUrl}/login`);
  await page.fill('#login-email', credentials.email);
  await page.fill('#login-password', credentials.password);
  await page.click('[data-testid="login-submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
