import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, type Journey, logIn, SCREENSHOT_DIR, startJourney } from './harness';

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney({ demo: true });
});
afterAll(async () => {
  await journey?.close();
});

describe('classify, prioritise and route on the demo desk', () => {
  it('tries a new rule on a threat of exposure, then shows the reason and the type suggestion on a ticket', async () => {
    const { page } = journey;
    await logIn(journey, { email: 'admin@demo.kefu.local', password: demoPassword(journey) });

    // 管理 → 分派规则: a new rule, tried on a sample before it is saved.
    await page.click('a[href="/admin/routing/rules"]');
    await page.click('[data-testid="rule-create"]');
    const form = page.locator('[data-testid="routing-rule-form"]');
    await form.waitFor();
    const ruleName = '媒体曝光加急';
    await form.locator('input#name').fill(ruleName);
    const words = form.locator('[data-testid="rule-condition"] [aria-label="取值"]').first();
    await words.click();
    await words.fill('曝光');
    await words.press('Enter');

    await page.fill('[data-testid="rule-test-text"]', '耳机坏了三天没人管，再不解决我就去网上曝光！');
    await page.click('[data-testid="rule-test-run"]');
    const priority = page.locator('[data-testid="rule-test-priority"]');
    await priority.waitFor();
    expect(await priority.getAttribute('data-priority')).toBe('urgent');
    // The longer word of the lexicon names the threat best.
    expect(await priority.textContent()).toContain('包含『网上曝光』');
    const draftTrace = page.locator('[data-testid="rule-test-trace"]', { hasText: ruleName });
    expect(await draftTrace.getAttribute('data-matched')).toBe('true');
    await page
      .locator('[data-testid="rule-test"]')
      .screenshot({ path: path.join(SCREENSHOT_DIR, 'routing-test-run-zh.png') });

    await page.click('[data-testid="rule-save"]');
    await page.locator(`[data-testid="routing-rule-row"][data-name="${ruleName}"]`).waitFor();

    // A ticket taken by phone with the same threat: urgent, with the reason beside the priority.
    await page.click('a[href="/tickets"]');
    await page.click('[data-testid="ticket-new"]');
    await page.fill('#ticket-subject', '耳机坏了一直没人处理，再不解决我就去网上曝光');
    await page.click('[data-testid="ticket-create-submit"]');
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);

    const reason = page.locator('[data-testid="priority-reason"]');
    await reason.waitFor();
    expect(await reason.textContent()).toContain('紧急：包含『网上曝光』');
    expect(await reason.getAttribute('data-source')).toBe('risk_term');

    // The classifier's guess waits for one click.
    const suggestion = page.locator('[data-testid="type-suggestion"]');
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('置信度');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ticket-routing-zh.png'), fullPage: true });
    await page.click('[data-testid="type-suggestion-accept"]');
    await suggestion.waitFor({ state: 'detached' });
    await page.locator('[data-testid="timeline-entry"][data-kind="classification_confirmed"]').waitFor();
  });
});
