import { DEFAULT_ROUTING_SETTINGS } from '@shared/routing';
import { describe, expect, it } from 'vitest';
import { extractOrderAmount, orderAmountOf } from './amounts';
import { decideRouting } from './decide';
import { assessRisk } from './risk';
import { compileRules } from './rules/evaluate';

const assess = (text: string, overrides: { recent?: number; amount?: number | null } = {}) =>
  assessRisk({
    text,
    settings: DEFAULT_ROUTING_SETTINGS,
    recentCustomerMessages: overrides.recent ?? 1,
    orderAmount: overrides.amount ?? null,
  });

describe('priority from risk and emotion', () => {
  it('makes threats of exposure, regulators and the law urgent, naming the words', () => {
    expect(assess('再不处理我就去网上曝光你们')).toMatchObject({
      priority: 'urgent',
      source: 'risk_term',
      detail: ['网上曝光'],
      category: '媒体曝光',
    });
    expect(assess('我要打12315投诉你们')).toMatchObject({ priority: 'urgent', detail: ['12315'] });
    expect(assess('我已经联系律师了')?.category).toBe('法律风险');
    expect(assess('充电时起火了，差点受伤')).toMatchObject({ priority: 'urgent', category: '人身安全' });
  });

  it('leaves a calm question alone and makes anger important, not urgent', () => {
    expect(assess('请问这款净化器有优惠吗？')).toBeNull();
    expect(assess('太气人了，客服一直不回复')).toMatchObject({ priority: 'important', category: '情绪激动' });
  });

  it('raises a customer who writes again and again in a short time, and a large order', () => {
    expect(assess('在吗', { recent: 3 })).toMatchObject({ priority: 'important', source: 'repeat_messages' });
    expect(assess('在吗', { recent: 2 })).toBeNull();
    expect(assess('退款', { amount: 12_000 })).toMatchObject({ priority: 'urgent', source: 'order_amount' });
    expect(assess('退款', { amount: 2_500 })).toMatchObject({
      priority: 'important',
      source: 'order_amount',
    });
  });
});

describe('order amounts in text', () => {
  it('reads money, not order numbers or masked phones', () => {
    expect(extractOrderAmount('订单金额 12,999.00 元，已付款')).toBe(12999);
    expect(extractOrderAmount('花了¥3299买的')).toBe(3299);
    expect(extractOrderAmount('损失 2万')).toBe(20000);
    expect(extractOrderAmount('订单 231027-123456789012345，电话 138****5678')).toBeNull();
    expect(orderAmountOf({ orderAmount: 800 }, '付了 500 元')).toBe(800);
  });
});

describe('the routing decision', () => {
  const base = {
    trigger: 'ticket_created' as const,
    channel: 'taobao',
    customerTier: 'normal',
    customerTags: [],
    ticketTags: [],
    orderAmount: null,
    withinBusinessHours: true,
    type: null,
    subtype: null,
    priority: 'normal' as const,
    slaState: 'on_track' as const,
    teamId: null,
    assigneeId: null,
    recentCustomerMessages: 1,
    priorityReason: null,
  };
  const settings = {
    ...DEFAULT_ROUTING_SETTINGS,
    typeTeams: { complaint: 'team-supervisors', consult: 'team-front' },
  };

  it('applies a confident suggestion, sends the type to its team and asks for an assignee', () => {
    const decision = decideRouting({
      facts: { ...base, text: '请问这款有现货吗' },
      rules: [],
      settings,
      suggestion: { type: 'consult', subtype: null, confidence: 0.9, source: 'classifier', accepted: null },
    });
    expect(decision).toMatchObject({
      type: 'consult',
      teamId: 'team-front',
      priority: 'normal',
      needsAssignment: true,
    });
    const unsure = decideRouting({
      facts: { ...base, text: '嗯' },
      rules: [],
      settings,
      suggestion: { type: 'consult', subtype: null, confidence: 0.3, source: 'classifier', accepted: null },
    });
    expect(unsure.type).toBeNull();
    expect(unsure.typeSuggestion?.confidence).toBe(0.3);
  });

  it('keeps what a person chose on the form over a rule, and never lowers a priority for calm words', () => {
    const rules = compileRules([
      {
        name: '全部转投诉组',
        enabled: true,
        triggers: ['ticket_created', 'customer_message'],
        match: 'all',
        conditions: [],
        actions: [{ kind: 'set_team', teamId: 'team-supervisors' }],
        stopAfterMatch: false,
      },
    ]);
    const chosen = decideRouting({
      facts: { ...base, text: '咨询', teamId: 'team-x' },
      rules,
      settings,
      suggestion: null,
    });
    expect(chosen.teamId).toBe('team-x');
    const followUp = decideRouting({
      facts: { ...base, trigger: 'customer_message', text: '好的谢谢', priority: 'urgent', teamId: 'team-x' },
      rules,
      settings,
      suggestion: null,
    });
    expect(followUp).toMatchObject({
      priority: 'urgent',
      teamId: 'team-supervisors',
      needsAssignment: false,
    });
  });
});
