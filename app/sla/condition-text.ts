import type { SlaConditions } from '@shared/sla';
import type { TicketPriority } from '@shared/tickets';

export interface ConditionNamers {
  priority: (priority: TicketPriority) => string;
  type: (type: string) => string;
  subtype: (subtype: string) => string;
  channel: (channel: string) => string;
}

/** Conditions as words, "紧急、投诉、电话"; empty when they match every ticket. */
export function describeConditions(
  when: SlaConditions | undefined,
  namers: ConditionNamers,
  separator: string,
): string {
  if (!when) return '';
  return [
    ...(when.priorities ?? []).map(namers.priority),
    ...(when.types ?? []).map(namers.type),
    ...(when.subtypes ?? []).map(namers.subtype),
    ...(when.channels ?? []).map(namers.channel),
    ...(when.customerTiers ?? []),
    ...(when.tags ?? []),
  ].join(separator);
}
