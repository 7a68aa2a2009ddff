import { describe, expect, it } from 'vitest';
import { carryOverSpans } from './spans';

describe('carrying masks over an edit', () => {
  it('keeps an original whose mask moved, also when a new identical mask now comes first', () => {
    const previous = {
      text: 'A: 138****5678',
      spans: [{ kind: 'mobile' as const, start: 3, end: 14, id: 'old' }],
    };
    const next = {
      text: '新号 138****5678，旧号 A: 138****5678',
      spans: [{ kind: 'mobile' as const, start: 3, end: 14 }],
    };
    expect(carryOverSpans(previous, next)).toEqual([{ kind: 'mobile', start: 21, end: 32, id: 'old' }]);
  });

  it('drops the original of a mask the edit removed', () => {
    const previous = { text: '手机 138****5678', spans: [{ kind: 'mobile' as const, start: 3, end: 14 }] };
    expect(carryOverSpans(previous, { text: '手机已更新', spans: [] })).toEqual([]);
  });
});
