import type { RoutingRule } from '@shared/routing';
import { describe, expect, it } from 'vitest';
import { compileRules, evaluateRules, type RuleFacts } from './evaluate';

const facts = (overrides: Partial<RuleFacts> = {}): RuleFacts => ({
  trigger: 'ticket_created',
  channel: 'taobao',
  text: '你好，我买的空气净化器收到后无法开机',
  customerTier: 'normal',
  customerTags: [],
  ticketTags: [],
  orderAmount: null,
  withinBusinessHours: true,
  type: null,
  subtype: null,
  priority: 'normal',
  slaState: 'on_track',
  ...overrides,
});

let serial = 0;
const rule = (overrides: Partial<RoutingRule>): RoutingRule => ({
  id: `rule-${++serial}`,
  name: `规则 ${serial}`,
  enabled: true,
  triggers: ['ticket_created'],
  match: 'all',
  conditions: [],
  actions: [{ kind: 'add_tags', tags: ['x'] }],
  stopAfterMatch: false,
  ...overrides,
});

const run = (rules: RoutingRule[], overrides: Partial<RuleFacts> = {}) =>
  evaluateRules(compileRules(rules), facts(overrides)).outcome;

describe('routing rules', () => {
  it('matches words case-insensitively and by regular expression, and tells a miss from a hit', () => {
    const fault = rule({
      conditions: [{ field: 'text', operator: 'contains_any', values: ['无法开机', 'Error'] }],
      actions: [{ kind: 'set_type', type: 'fault', subtype: null }],
    });
    expect(run([fault]).type).toEqual({ type: 'fault', subtype: null });
    expect(run([fault], { text: 'APP 提示 error 500' }).type).toEqual({ type: 'fault', subtype: null });
    expect(run([fault], { text: '请问有优惠券吗' }).type).toBeUndefined();
    const order = rule({
      conditions: [{ field: 'text', operator: 'matches', pattern: '\\d{6}-\\d{15}' }],
      actions: [{ kind: 'add_tags', tags: ['有订单号'] }],
    });
    expect(run([order], { text: '订单 231027-123456789012345 没发货' }).tags).toEqual(['有订单号']);
    expect(run([order]).tags).toEqual([]);
  });

  it('joins conditions with all or any, and a rule without conditions always matches', () => {
    const conditions: RoutingRule['conditions'] = [
      { field: 'channel', operator: 'in', values: ['jd'] },
      { field: 'customer_tier', operator: 'in', values: ['vip'] },
    ];
    expect(run([rule({ conditions, match: 'all' })], { customerTier: 'vip' }).fired).toHaveLength(0);
    expect(run([rule({ conditions, match: 'any' })], { customerTier: 'vip' }).fired).toHaveLength(1);
    expect(run([rule({ conditions: [] })]).fired).toHaveLength(1);
  });

  it('lets later rules override earlier ones, adds up tags, and stops after a stopping match', () => {
    const outcome = run([
      rule({
        actions: [
          { kind: 'set_priority', priority: 'important' },
          { kind: 'add_tags', tags: ['a'] },
        ],
      }),
      rule({
        name: '升级',
        actions: [
          { kind: 'set_priority', priority: 'urgent' },
          { kind: 'add_tags', tags: ['b'] },
        ],
      }),
      rule({ stopAfterMatch: true, actions: [{ kind: 'add_tags', tags: ['c'] }] }),
      rule({ actions: [{ kind: 'set_priority', priority: 'normal' }] }),
    ]);
    expect(outcome.priority).toBe('urgent');
    expect(outcome.priorityRule).toBe('升级');
    expect(outcome.tags).toEqual(['a', 'b', 'c']);
    expect(outcome.fired).toHaveLength(3);
  });

  it('lets a later rule see what an earlier one decided', () => {
    const outcome = run([
      rule({
        conditions: [{ field: 'text', operator: 'contains_any', values: ['开机'] }],
        actions: [{ kind: 'set_type', type: 'fault', subtype: null }],
      }),
      rule({
        conditions: [{ field: 'type', operator: 'in', values: ['fault'] }],
        actions: [{ kind: 'needs_collaboration', departmentIds: ['d1'] }],
      }),
    ]);
    expect(outcome.collaborationDepartmentIds).toEqual(['d1']);
  });

  it('skips disabled rules and rules of other triggers', () => {
    const outcome = run([
      rule({ enabled: false }),
      rule({ triggers: ['customer_message'] }),
      rule({ triggers: ['ticket_created', 'ticket_updated'], actions: [{ kind: 'add_tags', tags: ['ok'] }] }),
    ]);
    expect(outcome.tags).toEqual(['ok']);
  });

  it('compares amounts, business hours, tags and the SLA state', () => {
    const cases: [RoutingRule['conditions'][number], Partial<RuleFacts>, boolean][] = [
      [{ field: 'order_amount', operator: 'gte', value: 5000 }, { orderAmount: 5000 }, true],
      [{ field: 'order_amount', operator: 'gte', value: 5000 }, { orderAmount: null }, false],
      [{ field: 'order_amount', operator: 'lt', value: 100 }, { orderAmount: 99 }, true],
      [{ field: 'business_hours', operator: 'is', value: false }, { withinBusinessHours: false }, true],
      [{ field: 'business_hours', operator: 'is', value: false }, { withinBusinessHours: true }, false],
      [{ field: 'customer_tags', operator: 'has_all', values: ['a', 'b'] }, { customerTags: ['a'] }, false],
      [{ field: 'ticket_tags', operator: 'has_none', values: ['spam'] }, { ticketTags: ['vip'] }, true],
      [{ field: 'sla_state', operator: 'in', values: ['breached'] }, { slaState: 'breached' }, true],
      [{ field: 'type', operator: 'is_empty', values: [] }, { type: null }, true],
      [{ field: 'priority', operator: 'not_in', values: ['urgent'] }, { priority: 'urgent' }, false],
    ];
    for (const [condition, overrides, expected] of cases) {
      expect(
        run([rule({ conditions: [condition] })], overrides).fired.length === 1,
        JSON.stringify(condition),
      ).toBe(expected);
    }
  });

  it('traces every rule for the editor: reached or not, matched or not, each condition', () => {
    const rules = compileRules([
      rule({ name: 'A', conditions: [{ field: 'channel', operator: 'in', values: ['jd'] }] }),
      rule({ name: 'B', stopAfterMatch: true }),
      rule({ name: 'C' }),
    ]);
    const { trace } = evaluateRules(rules, facts(), { trace: true });
    expect(trace.map(({ name, reached, matched }) => ({ name, reached, matched }))).toEqual([
      { name: 'A', reached: true, matched: false },
      { name: 'B', reached: true, matched: true },
      { name: 'C', reached: false, matched: false },
    ]);
    expect(trace[0]?.conditions).toEqual([{ index: 0, held: false }]);
  });
});
