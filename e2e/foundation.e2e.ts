import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, SCREENSHOT_DIR, startJourney } from './harness';

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
});
afterAll(async () => {
  await journey?.close();
});

describe('an admin on a fresh install', () => {
  it('logs in, switches between 中文 and English (remembered), opens users and roles, and logs out', async () => {
    const { page, baseUrl, admin } = journey;
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login/);

    await page.fill('#login-email', admin.email);
    await page.fill('#login-password', admin.password);
    await page.click('[data-testid="login-submit"]');
    await page.getByRole('heading', { name: '工作台' }).waitFor();

    await page.locator('[data-testid="language-switch"]').getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'home-en.png'), fullPage: true });

    // The choice is stored on the user: a reload (or another browser) keeps English.
    await page.reload();
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.locator('[data-testid="language-switch"]').getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.click('a[href="/admin/users"]');
    await page.getByRole('heading', { name: '用户与角色' }).waitFor();
    await expect.poll(() => page.getByText(admin.email).count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'users-zh.png'), fullPage: true });

    await page.click('[data-testid="user-menu"]');
    await page.click('[data-testid="logout"]');
    await page.waitForURL(/\/login/);
    const me = await page.request.get(`${baseUrl}/api/v1/me`);
    expect(me.status()).toBe(401);
  });
});
