import type { SlaPreset } from '@app/api/sla-types';
import { describeConditions } from '@app/sla/condition-text';
import type { SlaLabels } from '@app/sla/sla-labels';
import type { TicketLabels } from '@app/tickets/ticket-labels';
import { findTaxonomyPreset } from '@shared/taxonomy';
import type { TicketPriority } from '@shared/tickets';

export interface PresetMetricSummary {
  metric: string;
  label: string;
  /** "紧急 1 小时", "电话 15 秒"; a target without conditions beside conditional ones reads "其他 4 小时". */
  chunks: string[];
}

/**
 * A preset's targets as a person reads them, one line per metric: 首次响应 紧急 1 小时 · 重要 2 小时 · 一般 4 小时.
 * Priorities and types are named as the preset's own taxonomy names them, since that is what applying it brings.
 */
export function summarizePreset(
  preset: SlaPreset,
  labels: { sla: SlaLabels; tickets: TicketLabels; listSeparator: string; otherwise: string },
): PresetMetricSummary[] {
  const taxonomy = findTaxonomyPreset(preset.id);
  const namers = {
    priority: (priority: TicketPriority) =>
      taxonomy?.priorityLabels[priority] ?? labels.tickets.priority(priority),
    type: (type: string) => taxonomy?.types.find((entry) => entry.key === type)?.label ?? type,
    subtype: (subtype: string) =>
      taxonomy?.types.flatMap((entry) => entry.subtypes).find((entry) => entry.key === subtype)?.label ??
      subtype,
    channel: labels.tickets.channel,
  };

  const byMetric = new Map<string, SlaPreset['targets']>();
  for (const target of preset.targets)
    byMetric.set(target.metric, [...(byMetric.get(target.metric) ?? []), target]);
  return [...byMetric].map(([metric, targets]) => ({
    metric,
    label: labels.sla.metric(metric),
    chunks: targets.map((target) => {
      const condition =
        describeConditions(target.when, namers, labels.listSeparator) ||
        (targets.length > 1 ? labels.otherwise : '');
      const duration = labels.sla.duration(target);
      return condition ? `${condition} ${duration}` : duration;
    }),
  }));
}
