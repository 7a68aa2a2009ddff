import type { slaZh } from '../zh-CN/sla';

export const slaEn: typeof slaZh = {
  metrics: {
    first_response: 'First response',
    next_response: 'Next response',
    progress_update: 'Progress update',
    resolution: 'Resolution',
    registered: 'Registration',
    classified: 'Classification',
    assigned: 'Assignment',
    result_notice: 'Result notice',
    collaboration_plan: 'Collaboration plan',
    survey: 'Satisfaction survey',
    callback: 'Callback',
    explanation: 'Overdue explanation',
  },
  states: {
    running: 'Running',
    paused: 'Paused',
    warning: 'Due soon',
    breached: 'Overdue',
    met: 'Met',
  },
  units: {
    seconds: 'seconds',
    minutes: 'minutes',
    hours: 'hours',
    workingDays: 'working days',
  },
  durations: {
    seconds_one: '{{count}} second',
    seconds_other: '{{count}} seconds',
    minutes_one: '{{count}} minute',
    minutes_other: '{{count}} minutes',
    hours_one: '{{count}} hour',
    hours_other: '{{count}} hours',
    workingDays_one: '{{count}} working day',
    workingDays_other: '{{count}} working days',
  },
  timeBasis: {
    business: 'Business hours',
    calendar: 'Calendar time',
  },
  span: {
    days: '{{days}} d {{hours}} h',
    hours: '{{hours}} h {{minutes}} min',
    minutes: '{{minutes}} min',
    underMinute: 'under a minute',
  },
  countdown: {
    left: '{{span}} left',
    overdue: 'Overdue by {{span}}',
    overdueAt: 'Overdue since {{time}}',
    metAt: 'Met at {{time}}',
    pausedAt: 'Paused at {{time}}',
  },
  card: {
    title: 'Service levels',
    empty: 'No SLA policy applies to this ticket',
    due: 'Due {{time}}',
    escalated: 'Escalated to level {{level}}',
    explain: 'Explain the delay',
  },
  explanation: {
    title: 'Explain the delay',
    intro:
      'This ticket is overdue and was escalated. Say why it is late and what happens next; the supervisor sees the explanation in the ticket history.',
    label: 'Explanation',
    placeholder:
      'e.g. The carrier has not confirmed within 48 hours; chased again today, the customer gets an answer by 12:00 tomorrow.',
    required: 'Write the explanation',
    submit: 'Submit explanation',
    sent: 'Explanation submitted',
  },
};
