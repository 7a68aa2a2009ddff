/**
 * What surrounds a candidate: customers type full-width digits and letters, and the words just before a number
 * ("订单号", "护照") often say what it is better than its digits do.
 */

// A number must stand alone: a digit run inside a longer run of digits or letters (a waybill SF1234567890123, a
// 28-digit payment id) or the tail of a dashed or dotted code (拼多多's 231027-123456789012345, an IP address)
// is not an id, a card or a phone. Chinese characters touching a number do not count: customers write 手机13812345678.
export const STARTS_ALONE = '(?<![0-9A-Za-z])(?<!\\d[-.])';
export const ENDS_ALONE = '(?![0-9A-Za-z])(?![-.]\\d)';

/** Every match of a global regex, from the start of `text`. */
export function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) yield match;
}

/**
 * The same text with full-width ASCII (１３８, ＠, ．), ideographic spaces and dash variants folded to their ASCII
 * forms. Every character maps to exactly one UTF-16 unit, so offsets found in the result are offsets in the input.
 */
export function foldToHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000\u00a0\t\u2010-\u2015\u2212]/g, (character) => {
    const code = character.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
    if (code >= 0x2010 && code <= 0x2015) return '-';
    if (code === 0x2212) return '-';
    return ' ';
  });
}

// Labels of numbers that belong to a shop, a platform or a courier rather than to a person. A number written
// right after one of them is that thing even when its digits look like a phone or a card ("京东订单号 18612345678").
const NON_PERSONAL_LABEL = new RegExp(
  `(?:${[
    '订单号码?',
    '订单编号',
    '订单',
    '单号',
    '交易号',
    '流水号',
    '工单',
    '编号',
    '发票号码?',
    '发票代码',
    '券码',
    '兑换码',
    '优惠码',
    '激活码',
    '序列号',
    '型号',
    '批次号',
    '货号',
    '条码',
    '条形码',
    '商品编码',
    '商品id',
    '会员号',
    '工号',
    '学号',
    '错误代?码?',
    '故障码',
    'sn',
    'order\\s*(?:no\\.?|id|number)?',
    'tracking\\s*(?:no\\.?|number)?',
    'invoice\\s*(?:no\\.?|number)?',
  ].join('|')})$`,
  'i',
);
// Between a label and its number people put colons, "是", "为", a hash sign or an opening bracket.
const LABEL_JOINERS = /[\s:#=是为(（[【]+$/;

/** Whether the number starting at `start` is introduced by a label of a non-personal number. */
export function followsNonPersonalLabel(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 20), start).replace(LABEL_JOINERS, '');
  return NON_PERSONAL_LABEL.test(before);
}

// A keyword counts only within the same clause: a sentence break or a comma ends what it introduces.
const CLAUSE_BREAK = /[。！？!?；;，,\n]/;

/** Whether one of `keywords` occurs in the clause before `start`, at most `reach` characters back. */
export function hasKeywordInClauseBefore(
  text: string,
  start: number,
  keywords: RegExp,
  reach: number,
): boolean {
  const from = Math.max(0, start - reach);
  let clauseStart = start;
  while (clauseStart > from && !CLAUSE_BREAK.test(text[clauseStart - 1] ?? '')) clauseStart--;
  return keywords.test(text.slice(clauseStart, start));
}
