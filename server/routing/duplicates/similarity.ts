/**
 * When are two requests the same (pure)? Duplicates across channels (seed 000) and incidents (seed 002) both
 * compare the words of `indexTokens()` (server/search/segmenter.ts) after dropping the ones every request shares.
 */

const STOP_WORDS = new Set(
  [
    // Pronouns, demonstratives, connectives (one-character words are dropped anyway).
    '我们 你们 他们 咱们 自己 这个 那个 这些 那些 这边 那边 这里 那里 一个 一下 一些 一点 一直 还是 就是',
    '但是 可是 而且 然后 没有 已经 现在 今天 刚才 可以 不能',
    // Questions and courtesy: how a request is asked, not what it is about.
    '什么 怎么 怎么样 怎么回事 回事 为什么 为啥 多久 时候 什么时候 哪里 是不是 能不能 可不可以',
    '你好 您好 哈喽 hello hi 在吗 在不在 请问 谢谢 感谢 麻烦 帮忙 帮我 尽快 赶紧 处理',
    // Words of almost every e-commerce request: they would make every two requests look alike.
    '客服 问题 订单 订单号 工单 商品 东西 我要',
  ]
    .join(' ')
    .split(' '),
);

const HAS_DIGIT = /\d/u;

/**
 * The words that say what a request is about, each once: no one-character words, stop words or numbers (order
 * and phone numbers match as identifiers, not as words).
 */
export function contentTokens(tokens: Iterable<string>): Set<string> {
  const kept = new Set<string>();
  for (const raw of tokens) {
    const token = raw.trim().toLowerCase();
    if ([...token].length < 2 || STOP_WORDS.has(token) || HAS_DIGIT.test(token)) continue;
    kept.add(token);
  }
  return kept;
}

/** How many words two sets share. */
export function sharedCount(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const token of small) if (large.has(token)) shared++;
  return shared;
}

/**
 * Text similarity of two word sets, 0–1: the cosine of their word vectors (|A∩B| / √(|A|·|B|)). Unlike Jaccard
 * it does not collapse when one side is a longer thread holding the other's words.
 */
export function textSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  return sharedCount(a, b) / Math.sqrt(a.size * b.size);
}

/** How much of an incident's signature a request's words cover, 0–1 (all of it: 1). */
export function signatureCoverage(signature: ReadonlySet<string>, words: ReadonlySet<string>): number {
  if (signature.size === 0) return 0;
  return sharedCount(signature, words) / signature.size;
}

/**
 * A shared order number takes away this share of the remaining doubt: one purchase written about twice within the
 * window is half-way to being one request whatever the words, yet the words must still agree (with the default
 * 0.75 merge score, text similarity 0.5 plus an order number merges the same customer's requests; an order number
 * alone only suggests).
 */
export const SHARED_ORDER_WEIGHT = 0.5;

/** The reasons a suggestion names: the same customer record, and each order number both requests name. */
export const SAME_CUSTOMER_REASON = 'same_customer';
export const SAME_ORDER_REASON_PREFIX = 'same_order:';

export interface DuplicateEvidence {
  score: number;
  /** `same_customer`, `same_order:<number>`: why the two were compared, shown with the suggestion. */
  reasons: string[];
}

/**
 * How likely a new request repeats an open ticket, 0–1. Text similarity is the score; a shared order number raises
 * it (noisy-OR: 1 − (1 − text)(1 − weight)). Without a single shared word it is no duplicate at all: a customer's
 * second, different question about the same order is a new request.
 */
export function scoreDuplicate(options: {
  words: ReadonlySet<string>;
  candidateWords: ReadonlySet<string>;
  sameCustomer: boolean;
  sharedOrderNumbers: readonly string[];
}): DuplicateEvidence {
  const text = textSimilarity(options.words, options.candidateWords);
  const reasons = [
    ...(options.sameCustomer ? [SAME_CUSTOMER_REASON] : []),
    ...options.sharedOrderNumbers.map((order) => `${SAME_ORDER_REASON_PREFIX}${order}`),
  ];
  if (text === 0) return { score: 0, reasons };
  const score = options.sharedOrderNumbers.length > 0 ? 1 - (1 - text) * (1 - SHARED_ORDER_WEIGHT) : text;
  return { score: Math.round(score * 1000) / 1000, reasons };
}

export interface DuplicateCandidate {
  id: string;
  customerId: string | null;
  orderNumbers: readonly string[];
  words: ReadonlySet<string>;
  createdAt: Date;
}

export type DuplicateDecision =
  | { action: 'merge'; candidateId: string; evidence: DuplicateEvidence }
  | { action: 'suggest'; suggestions: { candidateId: string; evidence: DuplicateEvidence }[] };

/** A ticket page shows at most this many suggestions: the best ones. */
export const MAX_SUGGESTIONS = 3;

/**
 * What to do with one new request given the open tickets it may repeat (already narrowed to its customer or
 * order numbers and the window): merge it into the oldest candidate of the same customer record scoring at or above
 * `mergeScore` (the one the others may already have been merged into; equal times: the first in `candidates`),
 * else suggest the best candidates scoring at or above `suggestScore`. A match through an order number alone is
 * only suggested, whatever its score: the buyer and the recipient of one order are two people, and only a person
 * should join their requests.
 */
export function decideDuplicate(options: {
  ticket: { customerId: string | null; orderNumbers: readonly string[]; words: ReadonlySet<string> };
  candidates: readonly DuplicateCandidate[];
  mergeScore: number;
  suggestScore: number;
}): DuplicateDecision {
  const { ticket } = options;
  const scored = options.candidates.map((candidate) => {
    const sameCustomer = ticket.customerId !== null && candidate.customerId === ticket.customerId;
    return {
      candidate,
      sameCustomer,
      evidence: scoreDuplicate({
        words: ticket.words,
        candidateWords: candidate.words,
        sameCustomer,
        sharedOrderNumbers: ticket.orderNumbers.filter((order) => candidate.orderNumbers.includes(order)),
      }),
    };
  });
  const mergeable = scored
    .filter(({ sameCustomer, evidence }) => sameCustomer && evidence.score >= options.mergeScore)
    .sort((a, b) => a.candidate.createdAt.getTime() - b.candidate.createdAt.getTime());
  const oldest = mergeable[0];
  if (oldest) return { action: 'merge', candidateId: oldest.candidate.id, evidence: oldest.evidence };
  return {
    action: 'suggest',
    suggestions: scored
      .filter(({ evidence }) => evidence.score > 0 && evidence.score >= options.suggestScore)
      .sort((a, b) => b.evidence.score - a.evidence.score)
      .slice(0, MAX_SUGGESTIONS)
      .map(({ candidate, evidence }) => ({ candidateId: candidate.id, evidence })),
  };
}
