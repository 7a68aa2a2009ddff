import type { WidgetClientFrame } from '@shared/web-chat';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_THROTTLE_MS, TypingSignal } from './typing';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const sent: WidgetClientFrame[] = [];
  const signal = new TypingSignal((frame) => {
    sent.push(frame);
    return true;
  });
  return { sent, signal };
}

describe('TypingSignal', () => {
  it('sends at most one preview per 1.5 s, and the latest text after the pause', () => {
    const { sent, signal } = setup();
    signal.changed('h');
    signal.changed('he');
    signal.changed('hel');
    expect(sent).toEqual([{ type: 'typing', typing: true, preview: 'h' }]);

    vi.advanceTimersByTime(TYPING_THROTTLE_MS);

    expect(sent).toEqual([
      { type: 'typing', typing: true, preview: 'h' },
      { type: 'typing', typing: true, preview: 'hel' },
    ]);
  });

  it('caps the preview at 200 characters', () => {
    const { sent, signal } = setup();
    signal.changed('x'.repeat(300));
    expect(sent[0]).toEqual({ type: 'typing', typing: true, preview: 'x'.repeat(200) });
  });

  it('says the visitor stopped when the text is cleared or sent, once, and drops a queued preview', () => {
    const { sent, signal } = setup();
    signal.changed('hello');
    signal.changed('hello!');
    signal.changed('');
    signal.stop();
    vi.runOnlyPendingTimers();

    expect(sent).toEqual([
      { type: 'typing', typing: true, preview: 'hello' },
      { type: 'typing', typing: false },
    ]);
  });
});
