import {
  type EscalationActionKind,
  SLA_METRICS,
  type SlaClockState,
  type SlaDuration,
  type SlaMetric,
} from '@shared/sla';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const SLA_STATE_COLORS: Record<SlaClockState, string> = {
  running: 'blue',
  paused: 'default',
  warning: 'orange',
  breached: 'red',
  met: 'green',
};

/** Every kind of escalation action, in the order the editor offers them. */
export const ESCALATION_ACTION_KINDS: EscalationActionKind[] = [
  'notify_assignee',
  'notify_supervisor',
  'raise_priority',
  'reassign',
  'add_tag',
  'webhook',
  'require_explanation',
];

const isKnownMetric = (metric: string): metric is SlaMetric =>
  (SLA_METRICS as readonly string[]).includes(metric);

/** A stretch of time as people say it: "2 天 3 小时", "1 小时 20 分", "15 分钟". */
export function formatSpan(t: TFunction, ms: number): string {
  const span = Math.abs(ms);
  if (span < MINUTE) return t('sla.span.underMinute');
  if (span >= DAY) {
    return t('sla.span.days', { days: Math.floor(span / DAY), hours: Math.floor((span % DAY) / HOUR) });
  }
  if (span >= HOUR) {
    return t('sla.span.hours', {
      hours: Math.floor(span / HOUR),
      minutes: Math.floor((span % HOUR) / MINUTE),
    });
  }
  return t('sla.span.minutes', { minutes: Math.floor(span / MINUTE) });
}

export interface SlaLabels {
  /** A metric's name; a metric the server added later shows as its key. */
  metric: (metric: string) => string;
  state: (state: SlaClockState) => string;
  /** "4 小时", "3 个工作日". */
  duration: (duration: Pick<SlaDuration, 'amount' | 'unit'>) => string;
  metricOptions: { value: SlaMetric; label: string }[];
}

export function useSlaLabels(): SlaLabels {
  const { t } = useTranslation();
  return useMemo(() => {
    const metric = (value: string) => (isKnownMetric(value) ? t(`sla.metrics.${value}`) : value);
    return {
      metric,
      state: (value) => t(`sla.states.${value}`),
      duration: ({ amount, unit }) => t(`sla.durations.${unit}`, { count: amount }),
      metricOptions: SLA_METRICS.map((value) => ({ value, label: metric(value) })),
    };
  }, [t]);
}
