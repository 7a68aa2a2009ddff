import type { SlaConditions, SlaDuration, SlaMetric, SlaPolicyBody } from '@shared/sla';
import type { TicketPriority, TicketStatus } from '@shared/tickets';

/** What policies and targets are matched on, and what the clocks start from. */
export interface TicketFacts {
  id: string;
  workspaceId: string;
  priority: TicketPriority;
  type: string | null;
  subtype: string | null;
  channel: string;
  tags: readonly string[];
  customerTier: string | null;
  status: TicketStatus;
  assigneeId: string | null;
  teamId: string | null;
  needsCollaboration: boolean;
  receivedAt: Date;
  createdAt: Date;
  firstResponseAt: Date | null;
}

export interface SlaPolicy extends SlaPolicyBody {
  id: string;
  position: number;
}

const holds = <T>(allowed: readonly T[] | undefined, value: T | null) =>
  !allowed || allowed.length === 0 || (value !== null && allowed.includes(value));

export function conditionsHold(conditions: SlaConditions | undefined, facts: TicketFacts): boolean {
  if (!conditions) return true;
  return (
    holds(conditions.priorities, facts.priority) &&
    holds(conditions.types, facts.type) &&
    holds(conditions.subtypes, facts.subtype) &&
    holds(conditions.channels, facts.channel) &&
    holds(conditions.customerTiers, facts.customerTier) &&
    (!conditions.tags ||
      conditions.tags.length === 0 ||
      conditions.tags.some((tag) => facts.tags.includes(tag)))
  );
}

/** The first enabled policy, in the workspace's order, whose conditions hold. */
export function choosePolicy(policies: readonly SlaPolicy[], facts: TicketFacts): SlaPolicy | null {
  return policies.find((policy) => policy.enabled && conditionsHold(policy.match, facts)) ?? null;
}

/** Per metric, the first target of the policy whose narrowing conditions hold. */
export function targetsFor(policy: SlaPolicyBody, facts: TicketFacts): Map<SlaMetric, SlaDuration> {
  const chosen = new Map<SlaMetric, SlaDuration>();
  for (const target of policy.targets) {
    if (chosen.has(target.metric) || !conditionsHold(target.when, facts)) continue;
    chosen.set(target.metric, { amount: target.amount, unit: target.unit, time: target.time });
  }
  return chosen;
}

/** Escalation offsets (minutes after breach) of the levels that apply to a metric, level 1 first. */
export function escalationOffsets(policy: SlaPolicyBody, metric: SlaMetric): number[] {
  return escalationLevelsFor(policy, metric).map((level) => level.afterMinutes);
}

/** The escalation levels that apply to a metric, in order: level N of a clock is the Nth of these. */
export function escalationLevelsFor(policy: SlaPolicyBody, metric: SlaMetric) {
  return policy.escalations.filter(
    (level) => !level.metrics || level.metrics.length === 0 || level.metrics.includes(metric),
  );
}
