import { describe, expect, it } from 'vitest';
import { PLATFORM_KINDS } from './kinds';
import { replyWindowState } from './reply-window';

const at = (iso: string) => new Date(iso);
const lastInboundAt = at('2026-12-01T08:00:00Z');

describe('reply windows', () => {
  it('keeps WhatsApp free-form for 24 hours after the last customer message, then only templates', () => {
    const rule = PLATFORM_KINDS.whatsapp.replyWindow;
    const inside = replyWindowState({
      kind: 'whatsapp',
      rule,
      lastInboundAt,
      repliesSinceLastInbound: 40,
      now: at('2026-12-02T07:59:59Z'),
    });
    expect(inside).toEqual({
      kind: 'whatsapp',
      hours: 24,
      open: true,
      closesAt: at('2026-12-02T08:00:00Z'),
      templatesOnly: false,
    });
    const closed = replyWindowState({
      kind: 'whatsapp',
      rule,
      lastInboundAt,
      repliesSinceLastInbound: 0,
      now: at('2026-12-02T08:00:00Z'),
    });
    expect(closed).toMatchObject({ open: false, templatesOnly: true });
  });

  it('counts Douyin replies: five per customer message, within 48 hours', () => {
    const rule = PLATFORM_KINDS.douyin.replyWindow;
    const now = at('2026-12-02T12:00:00Z');
    const window = (replies: number) =>
      replyWindowState({ kind: 'douyin', rule, lastInboundAt, repliesSinceLastInbound: replies, now });
    expect(window(0)).toMatchObject({ open: true, repliesLeft: 5, templatesOnly: false });
    expect(window(4)).toMatchObject({ open: true, repliesLeft: 1 });
    expect(window(5)).toMatchObject({ open: false, repliesLeft: 0, templatesOnly: false });
    expect(window(9)).toMatchObject({ open: false, repliesLeft: 0 });
    const late = replyWindowState({
      kind: 'douyin',
      rule,
      lastInboundAt,
      repliesSinceLastInbound: 0,
      now: at('2026-12-03T08:00:01Z'),
    });
    expect(late).toMatchObject({ open: false, repliesLeft: 5, closesAt: at('2026-12-03T08:00:00Z') });
  });

  it('gives WeChat 48 hours without templates, and no window before the customer ever wrote', () => {
    const rule = PLATFORM_KINDS.wechat_oa.replyWindow;
    const open = replyWindowState({
      kind: 'wechat_oa',
      rule,
      lastInboundAt,
      repliesSinceLastInbound: 100,
      now: at('2026-12-03T07:00:00Z'),
    });
    expect(open).toEqual({
      kind: 'wechat_oa',
      hours: 48,
      open: true,
      closesAt: at('2026-12-03T08:00:00Z'),
      templatesOnly: false,
    });
    const never = replyWindowState({
      kind: 'whatsapp',
      rule: PLATFORM_KINDS.whatsapp.replyWindow,
      lastInboundAt: null,
      repliesSinceLastInbound: 0,
      now: at('2026-12-03T07:00:00Z'),
    });
    expect(never).toEqual({ kind: 'whatsapp', hours: 24, open: false, closesAt: null, templatesOnly: true });
  });
});
