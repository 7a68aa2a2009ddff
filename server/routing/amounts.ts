/**
 * Order amounts named in a request ("订单金额 12,999 元", "¥3299", "RMB 500"), for the order-amount rules and the
 * large-loss priority (pure). Only figures marked as money count: an order number or a masked phone is no amount.
 */

const CURRENCY_BEFORE = /(?:[¥￥]|RMB|CNY|人民币)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?/giu;
const CURRENCY_AFTER = /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(?:元|块钱|块|rmb|万元|万)/giu;
const AMOUNT_LABEL =
  /(?:金额|价格|货款|付款|支付|实付|总价|损失)[^\d\n]{0,6}(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?/gu;

const MAX_DIGITS = 10;

function toNumber(whole: string, fraction: string | undefined): number | null {
  const digits = whole.replaceAll(',', '');
  if (digits.length > MAX_DIGITS) return null;
  return Number(fraction ? `${digits}.${fraction}` : digits);
}

/** The largest amount of money the text names, in CNY; null when it names none. */
export function extractOrderAmount(text: string): number | null {
  let largest: number | null = null;
  const consider = (value: number | null) => {
    if (value !== null && Number.isFinite(value) && (largest === null || value > largest)) largest = value;
  };
  for (const match of text.matchAll(CURRENCY_BEFORE)) consider(toNumber(match[1] ?? '', match[2]));
  for (const match of text.matchAll(CURRENCY_AFTER)) {
    const value = toNumber(match[1] ?? '', match[2]);
    const unit = match[0].toLowerCase();
    consider(value !== null && unit.includes('万') ? value * 10_000 : value);
  }
  for (const match of text.matchAll(AMOUNT_LABEL)) consider(toNumber(match[1] ?? '', match[2]));
  return largest;
}

/** The amount a ticket carries: its custom field `orderAmount` when set, else the largest one in its text. */
export function orderAmountOf(customFields: Record<string, unknown>, text: string): number | null {
  const field = customFields.orderAmount;
  const fromField =
    typeof field === 'number' ? field : typeof field === 'string' ? Number(field) : Number.NaN;
  const fromText = extractOrderAmount(text);
  if (Number.isFinite(fromField)) return fromText === null ? fromField : Math.max(fromField, fromText);
  return fromText;
}
