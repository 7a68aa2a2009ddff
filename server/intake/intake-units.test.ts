import type { SealedSpan } from '@server/privacy/vault';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GroupCommitter } from './group-commit';
import { subjectOf } from './prepare';
import { SenderCache, type SenderParts } from './sender-cache';

const span = (start: number, end: number): SealedSpan => ({
  field: 'body',
  kind: 'mobile',
  start,
  end,
  ciphertext: 'x',
});

describe("a new ticket's subject", () => {
  it('is the first non-blank line, cut before a mask rather than through it', () => {
    expect(subjectOf('\n  订单还没发货  \n第二行', [], 0)).toEqual({
      subject: '订单还没发货',
      subjectSpans: [],
    });
    const long = `${'很'.repeat(55)}电话 138****5678 请回电`;
    const cut = subjectOf(long, [span(58, 69)], 0);
    expect(cut.subject).toBe(`${'很'.repeat(55)}电话 …`);
    expect(cut.subjectSpans).toEqual([]);
    const kept = subjectOf('电话 138****5678 请回电', [span(3, 14)], 0);
    expect(kept).toEqual({
      subject: '电话 138****5678 请回电',
      subjectSpans: [{ ...span(3, 14), field: 'subject' }],
    });
    expect(subjectOf('', [], 2).subject).toBe('[附件]');
  });
});

describe('group commit', () => {
  it('puts what arrives during a commit into the next one, answers each submitter, and isolates a failing item', async () => {
    const groups: number[][] = [];
    const committer = new GroupCommitter<number, string>(async (items) => {
      groups.push(items);
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (items.includes(13)) throw new Error('unlucky');
      return items.map((item) => `ok ${item}`);
    });
    const first = committer.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rest = [2, 3, 13, 4].map((item) => committer.submit(item).catch((error: Error) => error.message));
    expect(await first).toBe('ok 1');
    expect(await Promise.all(rest)).toEqual(['ok 2', 'ok 3', 'unlucky', 'ok 4']);
    // One group for the first, one for the four that waited, then each of those alone after the group failed.
    expect(groups).toEqual([[1], [2, 3, 13, 4], [2], [3], [13], [4]]);
    await committer.drained();
  });
});

describe('the sender cache', () => {
  const parts = (nickname: string): SenderParts => ({
    replyAddressCiphertext: 'sealed',
    identity: { channel: 'taobao', externalId: 'h:1', display: 'buyer', span: null },
    profile: { nickname, phone: null, phoneHash: null, email: null, emailHash: null, spans: [] },
  });
  afterEach(() => vi.useRealTimers());

  it('finds a sender again only with the same values and lookup key, and forgets it after 30 s', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const cache = new SenderCache();
    const key = Buffer.alloc(32, 1);
    const first = cache.keyOf(key, ['account', 'conversation', 'taobao', 'buyer', '小王', null, null]);
    cache.set(first, parts('小王'));
    expect(
      cache.get(cache.keyOf(key, ['account', 'conversation', 'taobao', 'buyer', '小王', null, null])),
    ).toEqual(parts('小王'));
    // A renamed sender, another conversation or a rotated lookup key is a different entry.
    expect(
      cache.get(cache.keyOf(key, ['account', 'conversation', 'taobao', 'buyer', '老王', null, null])),
    ).toBe(undefined);
    expect(cache.get(cache.keyOf(key, ['account', 'other', 'taobao', 'buyer', '小王', null, null]))).toBe(
      undefined,
    );
    expect(
      cache.get(
        cache.keyOf(Buffer.alloc(32, 2), ['account', 'conversation', 'taobao', 'buyer', '小王', null, null]),
      ),
    ).toBe(undefined);
    vi.advanceTimersByTime(30_001);
    expect(cache.get(first)).toBe(undefined);
  });

  it('drops the oldest sender when full', () => {
    const cache = new SenderCache();
    for (let i = 0; i < 20_001; i++) cache.set(`k${i}`, parts(String(i)));
    expect(cache.get('k0')).toBe(undefined);
    expect(cache.get('k1')?.profile.nickname).toBe('1');
    expect(cache.get('k20000')?.profile.nickname).toBe('20000');
  });
});
