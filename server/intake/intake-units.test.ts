import type { SealedSpan } from '@server/privacy/vault';
import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit';
import { subjectOf } from './prepare';

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
