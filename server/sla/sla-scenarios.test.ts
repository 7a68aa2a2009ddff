import { describe, expect, it } from 'vitest';
import { TicketSimulation } from './simulation';

const at = (local: string) => new Date(`${local}+08:00`);
const shanghai = (date: Date | null) =>
  date ? new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : null;
const summary = (fired: ReturnType<TicketSimulation['run']>) =>
  fired.map((entry) => {
    const what = entry.firing.kind === 'escalation' ? `level ${entry.firing.level}` : entry.firing.kind;
    return `${shanghai(new Date(entry.at))} ${entry.metric} ${what}${entry.actions.length ? ` → ${entry.actions.join('+')}` : ''}`;
  });

describe('preset 000 多平台: first response and resolution by priority, pending time not counted', () => {
  it('an important ticket warns at 80 %, breaches at 2 h and escalates an hour later', () => {
    const ticket = TicketSimulation.ofPreset('multi-platform', {
      receivedAt: at('2026-12-02T10:00'),
      priority: 'important',
      type: 'problem',
    }).created();
    expect(shanghai(ticket.clock('first_response').dueAt)).toBe('2026-12-02 12:00');
    expect(shanghai(ticket.clock('resolution').dueAt)).toBe('2026-12-02 18:00');
    expect(summary(ticket.run(at('2026-12-02T13:10')))).toEqual([
      '2026-12-02 11:36 first_response warning → notify_assignee',
      '2026-12-02 12:00 first_response breach',
      '2026-12-02 12:00 first_response level 1 → notify_assignee+notify_supervisor',
      '2026-12-02 13:00 first_response level 2 → raise_priority+notify_supervisor',
    ]);
  });

  it('urgent 1 h / plan 4 h, normal 4 h / 24 h; intake within 15 min', () => {
    const urgent = TicketSimulation.ofPreset('multi-platform', {
      receivedAt: at('2026-12-02T10:00'),
      priority: 'urgent',
    }).created();
    expect(shanghai(urgent.clock('first_response').dueAt)).toBe('2026-12-02 11:00');
    expect(shanghai(urgent.clock('resolution').dueAt)).toBe('2026-12-02 14:00');
    const normal = TicketSimulation.ofPreset('multi-platform', {
      receivedAt: at('2026-12-02T10:00'),
      createdAt: at('2026-12-02T10:20'),
    }).created();
    expect(shanghai(normal.clock('first_response').dueAt)).toBe('2026-12-02 14:00');
    expect(shanghai(normal.clock('resolution').dueAt)).toBe('2026-12-03 10:00');
    // Registered 20 minutes after it arrived: the 15-minute intake target was missed.
    expect(normal.clock('registered')).toMatchObject({ state: 'breached', metAt: at('2026-12-02T10:20') });
  });

  it('does not count the time the ticket waits on the customer', () => {
    const ticket = TicketSimulation.ofPreset('multi-platform', {
      receivedAt: at('2026-12-02T10:00'),
    }).created();
    ticket.apply({ kind: 'agent_reply', at: at('2026-12-02T10:30') });
    ticket.edit(at('2026-12-02T11:00'), { status: 'pending_customer' });
    expect(ticket.clock('resolution')).toMatchObject({ state: 'paused', nextFireAt: null });
    expect(ticket.run(at('2026-12-05T00:00'))).toEqual([]);
    ticket.edit(at('2026-12-02T14:00'), { status: 'open' });
    // 24 h target + 3 h pending.
    expect(shanghai(ticket.clock('resolution').dueAt)).toBe('2026-12-03 13:00');
  });

  it('asks for the survey within 2 h of resolution and the callback within 1 h', () => {
    const ticket = TicketSimulation.ofPreset('multi-platform', {
      receivedAt: at('2026-12-02T10:00'),
    }).created();
    ticket.apply({ kind: 'agent_reply', at: at('2026-12-02T10:10') });
    ticket.edit(at('2026-12-02T11:00'), { status: 'resolved' });
    expect(ticket.clock('resolution').state).toBe('met');
    expect(shanghai(ticket.clock('survey').dueAt)).toBe('2026-12-02 13:00');
    ticket.apply({ kind: 'callback_requested', at: at('2026-12-02T12:00') });
    expect(shanghai(ticket.clock('callback').dueAt)).toBe('2026-12-02 13:00');
    // Closing the loop (已闭环) means the customer was asked and called back.
    ticket.edit(at('2026-12-02T12:30'), { status: 'closed' });
    expect(ticket.clock('survey').state).toBe('met');
    expect(ticket.clock('callback').state).toBe('met');
  });

  it('a department flagged to collaborate owes a plan within 1 h; a note gives it', () => {
    const ticket = TicketSimulation.ofPreset('multi-platform', {
      receivedAt: at('2026-12-02T10:00'),
    }).created();
    ticket.edit(at('2026-12-02T10:05'), { needsCollaboration: true });
    expect(shanghai(ticket.clock('collaboration_plan').dueAt)).toBe('2026-12-02 11:05');
    ticket.apply({ kind: 'note', at: at('2026-12-02T10:50') });
    expect(ticket.clock('collaboration_plan').state).toBe('met');
  });
});

describe('preset 001 企业服务: stage targets, working days across 国庆, progress cadence', () => {
  it('a normal request of 2026-09-30 17:00 is due in 3 working days: the 10-10 make-up Saturday', () => {
    const ticket = TicketSimulation.ofPreset('response-process', {
      receivedAt: at('2026-09-30T17:00'),
      type: 'consult',
    }).created();
    expect(shanghai(ticket.clock('first_response').dueAt)).toBe('2026-10-10 17:00');
    expect(shanghai(ticket.clock('resolution').dueAt)).toBe('2026-10-10 17:00');
    expect(shanghai(ticket.clock('progress_update').dueAt)).toBe('2026-10-01 17:00');
  });

  it('registers in 5 min, classifies within 15 min after, assigns within 10 min after that', () => {
    const ticket = TicketSimulation.ofPreset('response-process', {
      receivedAt: at('2026-12-02T09:00'),
      createdAt: at('2026-12-02T09:03'),
      assigneeId: null,
    }).created();
    expect(ticket.clock('registered').state).toBe('met');
    expect(shanghai(ticket.clock('classified').dueAt)).toBe('2026-12-02 09:18');
    ticket.edit(at('2026-12-02T09:10'), { type: 'fault' });
    expect(ticket.clock('classified').state).toBe('met');
    expect(shanghai(ticket.clock('assigned').dueAt)).toBe('2026-12-02 09:20');
    expect(summary(ticket.run(at('2026-12-02T09:21')))).toContain('2026-12-02 09:20 assigned breach');
  });

  it('an urgent request: answer in 30 min, solve in 2 h, tell progress every hour', () => {
    const ticket = TicketSimulation.ofPreset('response-process', {
      receivedAt: at('2026-12-02T10:00'),
      priority: 'urgent',
      type: 'fault',
    }).created();
    expect(shanghai(ticket.clock('first_response').dueAt)).toBe('2026-12-02 10:30');
    expect(shanghai(ticket.clock('resolution').dueAt)).toBe('2026-12-02 12:00');
    ticket.apply({ kind: 'agent_reply', at: at('2026-12-02T10:20') });
    expect(ticket.clock('progress_update')).toMatchObject({ cycle: 2 });
    expect(shanghai(ticket.clock('progress_update').dueAt)).toBe('2026-12-02 11:20');
    ticket.edit(at('2026-12-02T11:40'), { status: 'resolved' });
    // The last word was the agent's: the result was told.
    expect(ticket.clock('result_notice').state).toBe('met');
  });

  it('important: 24 h and 6-hourly updates; a result not told yet is owed within 30 min', () => {
    const ticket = TicketSimulation.ofPreset('response-process', {
      receivedAt: at('2026-12-02T10:00'),
      priority: 'important',
      type: 'change',
    }).created();
    expect(shanghai(ticket.clock('first_response').dueAt)).toBe('2026-12-03 10:00');
    expect(shanghai(ticket.clock('progress_update').dueAt)).toBe('2026-12-02 16:00');
    ticket.apply({ kind: 'agent_reply', at: at('2026-12-02T10:10') });
    ticket.apply({ kind: 'customer_message', at: at('2026-12-02T11:00') });
    ticket.edit(at('2026-12-02T12:00'), { status: 'resolved' });
    expect(shanghai(ticket.clock('result_notice').dueAt)).toBe('2026-12-02 12:30');
    ticket.apply({ kind: 'callback_requested', at: at('2026-12-02T13:00') });
    expect(shanghai(ticket.clock('callback').dueAt)).toBe('2026-12-03 13:00');
  });

  it('raising the priority tightens the running targets', () => {
    const ticket = TicketSimulation.ofPreset('response-process', {
      receivedAt: at('2026-12-02T10:00'),
      type: 'consult',
    }).created();
    expect(shanghai(ticket.clock('resolution').dueAt)).toBe('2026-12-07 10:00');
    ticket.edit(at('2026-12-02T10:30'), { priority: 'urgent' });
    expect(shanghai(ticket.clock('resolution').dueAt)).toBe('2026-12-02 12:00');
  });
});

describe('preset 002 在线客服: seconds-level chat targets, overdue → supervisor and a 1 h explanation', () => {
  it('a web chat unanswered for 30 s escalates to the supervisor and asks the agent to explain', () => {
    const ticket = TicketSimulation.ofPreset('online-service', {
      receivedAt: at('2026-12-02T10:00:00'),
      channel: 'web_chat',
    }).created();
    expect(ticket.clock('first_response').dueAt).toEqual(at('2026-12-02T10:00:30'));
    const fired = ticket.run(at('2026-12-02T10:01'));
    expect(fired.map((entry) => [entry.firing.kind, entry.actions])).toEqual([
      ['warning', ['notify_assignee']],
      ['breach', []],
      ['escalation', ['notify_supervisor', 'notify_assignee', 'require_explanation']],
    ]);
    expect(fired[1]?.at).toBe(at('2026-12-02T10:00:30').toISOString());
  });

  it('voice is answered within 15 s; urgent solved in 2 h, others 24 h; callback 2 h', () => {
    const call = TicketSimulation.ofPreset('online-service', {
      receivedAt: at('2026-12-02T10:00:00'),
      channel: 'phone',
      priority: 'urgent',
    }).created();
    expect(call.clock('first_response').dueAt).toEqual(at('2026-12-02T10:00:15'));
    expect(shanghai(call.clock('resolution').dueAt)).toBe('2026-12-02 12:00');
    const normal = TicketSimulation.ofPreset('online-service', {
      receivedAt: at('2026-12-02T10:00'),
    }).created();
    expect(shanghai(normal.clock('resolution').dueAt)).toBe('2026-12-03 10:00');
    normal.apply({ kind: 'callback_requested', at: at('2026-12-02T11:00') });
    expect(shanghai(normal.clock('callback').dueAt)).toBe('2026-12-02 13:00');
  });

  it('the explanation is a tracked task of its own: due 1 h after the escalation, met when written', () => {
    const ticket = TicketSimulation.ofPreset('online-service', {
      receivedAt: at('2026-12-02T10:00:00'),
    }).created();
    ticket.run(at('2026-12-02T10:01'));
    ticket.apply({ kind: 'explanation_required', at: at('2026-12-02T10:00:30'), withinMinutes: 60 });
    expect(ticket.clock('explanation').dueAt).toEqual(at('2026-12-02T11:00:30'));
    ticket.apply({ kind: 'explanation_written', at: at('2026-12-02T10:40') });
    expect(ticket.clock('explanation').state).toBe('met');
  });
});

describe('preset 003 多渠道: by channel and by type', () => {
  const first = (channel: string) =>
    TicketSimulation.ofPreset('customer-communication', { receivedAt: at('2026-12-02T10:00:00'), channel })
      .created()
      .clock('first_response').dueAt;

  it('phone 15 s, online chat 2 min, email and messages 4 h', () => {
    expect(first('phone')).toEqual(at('2026-12-02T10:00:15'));
    expect(first('web_chat')).toEqual(at('2026-12-02T10:02:00'));
    expect(first('email')).toEqual(at('2026-12-02T14:00:00'));
    expect(first('sms')).toEqual(at('2026-12-02T14:00:00'));
  });

  it('consult 24 h, technical fault 48 h (complex 72 h), complaint 72 h', () => {
    const resolution = (facts: { type: string; subtype?: string; tags?: string[] }) =>
      shanghai(
        TicketSimulation.ofPreset('customer-communication', { receivedAt: at('2026-12-02T10:00'), ...facts })
          .created()
          .clock('resolution').dueAt,
      );
    expect(resolution({ type: 'presale' })).toBe('2026-12-03 10:00');
    expect(resolution({ type: 'aftersale', subtype: 'repair' })).toBe('2026-12-04 10:00');
    expect(resolution({ type: 'aftersale', subtype: 'repair', tags: ['复杂'] })).toBe('2026-12-05 10:00');
    expect(resolution({ type: 'aftersale', subtype: 'complaint' })).toBe('2026-12-05 10:00');
  });
});

describe('preset 004 技术支持: 5 min, emergencies 2 min and first feedback in 30 min', () => {
  it('times emergencies tighter than everything else', () => {
    const emergency = TicketSimulation.ofPreset('standard-scripts', {
      receivedAt: at('2026-12-02T10:00'),
      type: 'emergency',
    }).created();
    expect(shanghai(emergency.clock('first_response').dueAt)).toBe('2026-12-02 10:02');
    expect(shanghai(emergency.clock('progress_update').dueAt)).toBe('2026-12-02 10:30');
    const consult = TicketSimulation.ofPreset('standard-scripts', {
      receivedAt: at('2026-12-02T10:00'),
      type: 'consult',
    }).created();
    expect(shanghai(consult.clock('first_response').dueAt)).toBe('2026-12-02 10:05');
    expect(consult.clocks.has('progress_update')).toBe(false);
  });

  it('surveys complaints and suggestions within 24 h of resolution', () => {
    const ticket = TicketSimulation.ofPreset('standard-scripts', {
      receivedAt: at('2026-12-02T10:00'),
      type: 'complaint',
    }).created();
    ticket.apply({ kind: 'agent_reply', at: at('2026-12-02T10:03') });
    ticket.edit(at('2026-12-02T15:00'), { status: 'resolved' });
    expect(shanghai(ticket.clock('survey').dueAt)).toBe('2026-12-03 15:00');
  });
});

describe('clocks', () => {
  it('a resolved ticket reopened by the customer runs its resolution clock again, minus the resolved time', () => {
    const ticket = TicketSimulation.ofPreset('multi-platform', {
      receivedAt: at('2026-12-02T10:00'),
    }).created();
    ticket.apply({ kind: 'agent_reply', at: at('2026-12-02T10:10') });
    ticket.edit(at('2026-12-02T12:00'), { status: 'resolved' });
    ticket.edit(at('2026-12-02T15:00'), { status: 'open' });
    expect(ticket.clock('resolution')).toMatchObject({ state: 'running', metAt: null });
    expect(shanghai(ticket.clock('resolution').dueAt)).toBe('2026-12-03 13:00');
  });

  it('a next response is owed after each customer message once the first was given', () => {
    const ticket = TicketSimulation.ofPreset('multi-platform', {
      receivedAt: at('2026-12-02T10:00'),
    }).created();
    ticket.apply({ kind: 'customer_message', at: at('2026-12-02T10:05') });
    expect(ticket.clocks.has('next_response')).toBe(false);
    ticket.apply({ kind: 'agent_reply', at: at('2026-12-02T10:10') });
    expect(ticket.clock('first_response').state).toBe('met');
    // The preset has no next-response target; a policy that has one starts it here.
    ticket.policy.targets.push({ metric: 'next_response', amount: 30, unit: 'minutes', time: 'calendar' });
    ticket.apply({ kind: 'customer_message', at: at('2026-12-02T11:00') });
    expect(shanghai(ticket.clock('next_response').dueAt)).toBe('2026-12-02 11:30');
    ticket.apply({ kind: 'agent_reply', at: at('2026-12-02T11:20') });
    expect(ticket.clock('next_response').state).toBe('met');
  });

  it('a business-time target counts only working hours, with the lunch break', () => {
    const ticket = TicketSimulation.ofPreset('multi-platform', { receivedAt: at('2026-12-04T17:00') });
    ticket.policy.targets.unshift({ metric: 'first_response', amount: 4, unit: 'hours', time: 'business' });
    ticket.created();
    // Friday 17:00–18:30 is 1.5 h; Monday 09:00–11:30 the other 2.5 h.
    expect(shanghai(ticket.clock('first_response').dueAt)).toBe('2026-12-07 11:30');
  });

  it('met late stays breached, with the instant it was met', () => {
    const ticket = TicketSimulation.ofPreset('multi-platform', {
      receivedAt: at('2026-12-02T10:00'),
      priority: 'urgent',
    }).created();
    ticket.run(at('2026-12-02T11:30'));
    ticket.apply({ kind: 'agent_reply', at: at('2026-12-02T11:30') });
    expect(ticket.clock('first_response')).toMatchObject({
      state: 'breached',
      metAt: at('2026-12-02T11:30'),
      nextFireAt: null,
    });
  });
});
