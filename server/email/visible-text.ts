/**
 * What the customer wrote this time, separated from the history their client quoted below it and from their
 * signature. Agents read the visible part on the timeline; the quote is kept separately (and the raw message is
 * stored whole), so a wrong cut hides text instead of losing it — which is why the patterns stay conservative.
 *
 * Forwards are the exception: a forwarded mail is what the customer is sending us ("please look at this"), so
 * from a forward marker on nothing is cut, the forwarded message's own quotes included.
 */

export interface VisibleText {
  visible: string;
  /** The quoted history, from its attribution line or separator on; null when there is none. */
  quoted: string | null;
  /** The "-- " signature block and client sign-offs such as 发自我的iPhone; null when there is none. */
  signature: string | null;
}

// Attribution lines. Each needs a digit (the date) so a customer's own "my colleague wrote:" is not a cut.
const ATTRIBUTION_PATTERNS = [
  /^On\s.*\d.*\bwrote\s*:$/i,
  /^(?:Am|Le|El|Il)\s.*\d.*\s(?:schrieb|a écrit|escribió|ha scritto)(?:\s.*)?:$/i,
  // Gmail "张三 <a@b> 于2023年10月27日周五 10:12写道：", Apple/Thunderbird "在 2023年10月27日，10:12，张三 写道：".
  /(?:^在.*\d|\d{4}).*(?:写道|寫道)\s*[:：]$/,
];
// Outlook "-----Original Message-----", QQ/Foxmail "------------------ 原始邮件 ------------------".
const ORIGINAL_SEPARATOR = /^-{2,}\s*(?:original message|original|原始邮件|原始郵件|原邮件)\s*-{2,}$/i;
// Outlook without a separator: a "From:" line followed by its Sent/To/Subject lines (zh-CN and zh-TW too).
const HEADER_BLOCK_FROM = /^\*?(?:from|发件人|寄件者|發件人)\*?\s*[:：]/i;
const HEADER_BLOCK_FIELD =
  /^\*?(?:sent|date|to|cc|subject|发送时间|日期|时间|收件人|抄送|主题|寄件日期|收件者|副本|主旨)\*?\s*[:：]/i;
// Outlook draws a line of underscores above its header block; it belongs to the quote.
const UNDERSCORE_RULE = /^_{10,}$/;
const FORWARD_MARKER =
  /^(?:-{2,}\s*(?:forwarded message|forwarded|转发的邮件|转发邮件|轉寄郵件|转发的消息)\s*-{2,}|begin forwarded message:|以下是转发的邮件[:：]?)$/i;
const FORWARD_SUBJECT = /^\s*(?:fwd?|转发|轉寄|转寄)\s*[:：]/i;
const SIGNATURE_DELIMITER = /^--\s?$/;
// A "--" line above a long block is a divider the customer typed, not a signature delimiter.
const MAX_SIGNATURE_LINES = 12;
const SIGN_OFF_PATTERNS = [
  /^sent from (?:my .{1,40}|mail for windows.{0,4}|outlook(?: for (?:ios|android))?|yahoo mail.{0,30})$/i,
  /^get outlook for (?:ios|android)$/i,
  /^获取\s*outlook for (?:ios|android)$/i,
  /^(?:发自|来自|來自)我的\s*.{1,20}$/,
  /^(?:从|從)我的\s*.{1,20}(?:发送|傳送|發送)$/,
  /^(?:发自|来自)\s*(?:网易邮箱大师|网易邮箱|QQ邮箱|手机QQ邮箱|腾讯企业邮)$/i,
];
// Sign-offs are only looked for among the last lines of what the customer wrote.
const SIGN_OFF_WINDOW = 3;

/** Whether a subject marks the mail as a forward, in which case nothing below the customer's words is cut. */
export function isForwardSubject(subject: string): boolean {
  return FORWARD_SUBJECT.test(subject);
}

/** Splits a plain-text body into what the customer wrote, the quoted history and the signature. */
export function visibleText(text: string, options: { subject?: string } = {}): VisibleText {
  const normalized = text.replace(/\r\n?/g, '\n');
  if (options.subject && isForwardSubject(options.subject)) return whole(normalized);

  const lines = normalized.split('\n');
  const marker = firstMarker(lines);
  if (marker?.kind === 'forward') return whole(normalized);

  let cut = marker?.index ?? lines.length;
  cut = Math.min(cut, trailingQuoteStart(lines, cut));
  const previous = lastNonBlank(lines, cut);
  if (previous !== null && UNDERSCORE_RULE.test(lines[previous]?.trim() ?? '')) cut = previous;

  const { body, signature } = splitSignature(lines.slice(0, cut));
  return {
    visible: body.join('\n').trim(),
    quoted: cut < lines.length ? lines.slice(cut).join('\n').trim() || null : null,
    signature: signature.length > 0 ? signature.join('\n').trim() : null,
  };
}

function whole(text: string): VisibleText {
  return { visible: text.trim(), quoted: null, signature: null };
}

function firstMarker(lines: string[]): { index: number; kind: 'reply' | 'forward' } | null {
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    // Lines already quoted with ">" belong to an older message; trailingQuoteStart deals with them.
    if (line === '' || line.startsWith('>')) continue;
    if (FORWARD_MARKER.test(line)) return { index, kind: 'forward' };
    if (ORIGINAL_SEPARATOR.test(line) || isHeaderBlock(lines, index)) return { index, kind: 'reply' };
    if (isAttribution(line)) return { index, kind: 'reply' };
    // Gmail's plain-text part wraps a long attribution over two lines ("…<support@kefu.example>\nwrote:").
    const next = (lines[index + 1] ?? '').trim();
    if (next !== '' && !next.startsWith('>') && isAttribution(`${line} ${next}`))
      return { index, kind: 'reply' };
  }
  return null;
}

function isAttribution(line: string): boolean {
  return line.length <= 300 && ATTRIBUTION_PATTERNS.some((pattern) => pattern.test(line));
}

function isHeaderBlock(lines: string[], index: number): boolean {
  if (!HEADER_BLOCK_FROM.test((lines[index] ?? '').trim())) return false;
  const following = lines.slice(index + 1, index + 5).map((line) => line.trim());
  return following.filter((line) => HEADER_BLOCK_FIELD.test(line)).length >= 2;
}

/** Where a block of ">"-quoted lines that runs to the end (blank lines allowed) starts; `end` if there is none. */
function trailingQuoteStart(lines: string[], end: number): number {
  let start = end;
  for (let index = end - 1; index >= 0; index--) {
    const line = (lines[index] ?? '').trim();
    if (line.startsWith('>')) start = index;
    else if (line !== '') break;
  }
  return start;
}

function lastNonBlank(lines: string[], before: number): number | null {
  for (let index = before - 1; index >= 0; index--) if ((lines[index] ?? '').trim() !== '') return index;
  return null;
}

function splitSignature(lines: string[]): { body: string[]; signature: string[] } {
  const delimiter = lines.findIndex(
    (line, index) =>
      SIGNATURE_DELIMITER.test(line) &&
      lines.slice(index + 1).filter((rest) => rest.trim() !== '').length <= MAX_SIGNATURE_LINES,
  );
  const body = delimiter === -1 ? [...lines] : lines.slice(0, delimiter);
  const signature = delimiter === -1 ? [] : lines.slice(delimiter + 1);

  const signOffs: string[] = [];
  let seen = 0;
  for (let index = body.length - 1; index >= 0 && seen < SIGN_OFF_WINDOW; index--) {
    const line = (body[index] ?? '').trim();
    if (line === '') continue;
    seen++;
    if (SIGN_OFF_PATTERNS.some((pattern) => pattern.test(line))) {
      signOffs.unshift(line);
      body.splice(index, 1);
    }
  }
  return { body, signature: [...signOffs, ...signature] };
}
