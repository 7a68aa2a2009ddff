/**
 * What the classifier looks at: the words of `indexTokens()` (server/search/segmenter.ts) minus the ones that say
 * nothing about the kind of request (particles, pronouns, greetings, order and phone numbers). Learning and
 * suggesting both go through here, so the counts in the tables and the words of a new ticket always agree.
 */

const STOP_WORDS = new Set(
  [
    '的 地 得 了 着 过 吗 嘛 呢 啊 吧 呀 哦 哈 嗯 哟 噢 么 啦 呗 哎 喔',
    '我 你 您 他 她 它 我们 你们 他们 咱 咱们 自己 人家',
    '是 在 和 与 及 或 跟 同 也 还 都 就 又 再 而 且 则 被 把 给 让 向 从 对 于',
    '这 那 这个 那个 这些 那些 这边 那边 这里 那里 此 其 之',
    '一 一个 一下 一些 个 些 点 一点',
    '你好 您好 哈喽 hello hi 亲 亲亲 在吗 在不在 客服 请问 谢谢 感谢 多谢 辛苦 辛苦了',
  ]
    .join(' ')
    .split(' '),
);

/** Complaint hotlines are words, not numbers: 12315 says "regulator" as clearly as 消协. */
const MEANINGFUL_NUMBERS = new Set(['12315', '12345', '315', '110', '119', '120']);
const HAS_DIGIT = /\d/;
const ALL_DIGITS = /^\d+$/;

/** A long message's opening carries its point; the rest of a pasted thread would only dilute it. */
export const MAX_CLASSIFIED_TOKENS = 400;

/**
 * The words of `indexTokens()` that count for classification, each once: intake hands over a ticket's token set,
 * and a word said twice in one message says little more than once (on the bench, counting each word once is
 * also slightly more accurate).
 */
export function classifierTokens(tokens: readonly string[]): string[] {
  const kept = new Set<string>();
  for (const token of tokens) {
    if (kept.size >= MAX_CLASSIFIED_TOKENS) break;
    if (STOP_WORDS.has(token)) continue;
    if (HAS_DIGIT.test(token) && !MEANINGFUL_NUMBERS.has(token)) {
      // Order numbers, phone fragments, amounts: unique per ticket, so noise to a model of request kinds.
      if (ALL_DIGITS.test(token) || token.length >= 6) continue;
    }
    kept.add(token);
  }
  return [...kept];
}

/** The model's label of a type: `type` or `type/subtype`. */
export function labelOf(type: string, subtype: string | null): string {
  return subtype ? `${type}/${subtype}` : type;
}

/**
 * The text a ticket is classified on: subject, description and the customer's first message. A channel ticket's
 * subject is the first line of that message, so it is not counted twice.
 */
export function ticketClassificationText(ticket: {
  subject: string;
  description: string;
  firstCustomerMessage: string | null;
}): string {
  const message = ticket.firstCustomerMessage ?? '';
  const subject = ticket.subject.replace(/…$/, '');
  const parts = [message.trimStart().startsWith(subject) ? '' : ticket.subject, ticket.description, message];
  return parts.filter((part) => part.trim().length > 0).join('\n');
}
