/**
 * Order numbers and product models pulled out of what a customer wrote (seed 000: "description with order
 * number, product model"). Agents can correct them; this only saves typing.
 */

// Platform order numbers are long digit runs (淘宝/天猫 18–19, 京东 11–12, 抖音 19); 拼多多 writes 6 digits, a
// dash and 15 more; shops' own systems often prefix letters (DD20240501123456, JD88776655). A mainland mobile
// number (1[3-9] + 9 digits) is personal data, not an order.
const ORDER_NUMBER = /(?<![\dA-Za-z])(\d{6}-\d{15}|[A-Z]{1,4}\d{8,20}|\d{10,20})(?![\dA-Za-z])/g;
const MOBILE_NUMBER = /^1[3-9]\d{9}$/;
// A date-like run such as a ticket number (20231027001) is left out too: those are ours, not the platform's.
const TICKET_NUMBER = /^20\d{6}\d{3,4}$/;

export function extractOrderNumbers(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(ORDER_NUMBER)) {
    const candidate = match[1] ?? '';
    if (MOBILE_NUMBER.test(candidate) || TICKET_NUMBER.test(candidate)) continue;
    found.add(candidate);
  }
  return [...found];
}

// Models look like X200, KF-3000, AB12-C, M2 Pro: letters then digits, optionally dashed, explicitly introduced
// ("型号", "model") or standing alone in Latin capitals.
const INTRODUCED_MODEL =
  /(?:型号|机型|model)\s*[:：]?\s*([A-Za-z0-9][A-Za-z0-9-]{1,30}(?:\s?(?:Pro|Max|Plus|Mini|Ultra))?)/i;
const BARE_MODEL = /(?<![A-Za-z0-9-])([A-Z]{1,5}-?\d{2,6}[A-Z]{0,3})(?![A-Za-z0-9-])/;

export function extractProductModel(text: string): string | null {
  const introduced = INTRODUCED_MODEL.exec(text);
  if (introduced?.[1]) return introduced[1].trim();
  return BARE_MODEL.exec(text)?.[1] ?? null;
}
