import { indexTokens } from '@server/search/segmenter';
import { describe, expect, it } from 'vitest';
import {
  contentTokens,
  type DuplicateCandidate,
  decideDuplicate,
  scoreDuplicate,
  textSimilarity,
} from './similarity';

const words = (text: string) => contentTokens(indexTokens(text));

describe('the words two requests are compared on', () => {
  it('keeps what the request is about, not particles, courtesy, order numbers or single characters', () => {
    expect([...words('你好，我的订单 3712345678901234567 还没发货，都一周了，怎么回事？')].sort()).toEqual(
      ['一周', '发货'].sort(),
    );
  });
});

describe('text similarity', () => {
  it('is 1 for the same words, 0 for none in common, and stays high when a longer thread holds the words', () => {
    const complaint = words('吹风机用了一次就冒烟');
    expect(textSimilarity(complaint, complaint)).toBe(1);
    expect(textSimilarity(complaint, words('发票抬头写错了'))).toBe(0);
    const thread = words('吹风机用了一次就冒烟。已为您登记，请提供照片。照片已发');
    expect(textSimilarity(complaint, thread)).toBeGreaterThan(0.5);
  });
});

describe('the duplicate score', () => {
  const chat = words('我的订单还没发货，都一周了');
  const mail = words('下单一周了还没有发货，请尽快处理');

  it('reaches the merge score for the same complaint in other words about the same order', () => {
    const text = scoreDuplicate({
      words: mail,
      candidateWords: chat,
      sameCustomer: false,
      sharedOrderNumbers: [],
    });
    const withOrder = scoreDuplicate({
      words: mail,
      candidateWords: chat,
      sameCustomer: false,
      sharedOrderNumbers: ['3712345678901234567'],
    });
    expect(text.score).toBeLessThan(1);
    expect(withOrder.score).toBeGreaterThanOrEqual(0.75);
    expect(withOrder.score).toBeCloseTo(1 - (1 - text.score) / 2, 2);
    expect(withOrder.reasons).toEqual(['same_order:3712345678901234567']);
  });

  it('is 0 for another question about the same order: the words must agree somewhere', () => {
    const evidence = scoreDuplicate({
      words: words('这个订单的发票怎么开'),
      candidateWords: chat,
      sameCustomer: true,
      sharedOrderNumbers: ['3712345678901234567'],
    });
    expect(evidence).toEqual({ score: 0, reasons: ['same_customer', 'same_order:3712345678901234567'] });
  });

  it('is the text similarity alone for the same customer: one person may have several requests', () => {
    const evidence = scoreDuplicate({
      words: mail,
      candidateWords: chat,
      sameCustomer: true,
      sharedOrderNumbers: [],
    });
    expect(evidence.score).toBeCloseTo(textSimilarity(mail, chat), 3);
  });
});

describe('deciding about a new request', () => {
  const candidate = (
    id: string,
    text: string,
    minutesAgo: number,
    orderNumbers: string[] = [],
  ): DuplicateCandidate => ({
    id,
    customerId: 'customer-1',
    orderNumbers,
    words: words(text),
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0) - minutesAgo * 60_000),
  });
  const ticket = { customerId: 'customer-1', orderNumbers: ['A100'], words: words('吹风机冒烟了，要退货') };
  const settings = { mergeScore: 0.75, suggestScore: 0.4 };

  it('merges into the oldest of the tickets at or above the merge score', () => {
    const decision = decideDuplicate({
      ticket,
      candidates: [
        candidate('newer', '吹风机冒烟，我要退货', 5, ['A100']),
        candidate('older', '吹风机冒烟了，退货', 30, ['A100']),
        candidate('other', '发票抬头写错了', 60, ['A100']),
      ],
      ...settings,
    });
    expect(decision).toMatchObject({ action: 'merge', candidateId: 'older' });
  });

  it('only suggests a match through the order number with another customer, however strong', () => {
    const decision = decideDuplicate({
      ticket,
      candidates: [
        { ...candidate('recipient', '吹风机冒烟了，退货', 30, ['A100']), customerId: 'customer-2' },
      ],
      ...settings,
    });
    expect(decision.action).toBe('suggest');
    if (decision.action !== 'suggest') return;
    expect(decision.suggestions).toEqual([
      { candidateId: 'recipient', evidence: { score: expect.any(Number), reasons: ['same_order:A100'] } },
    ]);
    expect(decision.suggestions[0]?.evidence.score).toBeGreaterThanOrEqual(0.75);
  });

  it('suggests the best weaker matches with their scores, and nothing below the suggest score', () => {
    const decision = decideDuplicate({
      ticket: { ...ticket, orderNumbers: [] },
      candidates: [
        candidate('close', '吹风机用了一次就冒烟，还有股焦味', 5),
        candidate('far', '快递员态度差', 10),
      ],
      ...settings,
    });
    expect(decision.action).toBe('suggest');
    if (decision.action !== 'suggest') return;
    expect(decision.suggestions.map((s) => s.candidateId)).toEqual(['close']);
    expect(decision.suggestions[0]?.evidence.score).toBeGreaterThanOrEqual(0.4);
    expect(decision.suggestions[0]?.evidence.score).toBeLessThan(0.75);
  });
});
