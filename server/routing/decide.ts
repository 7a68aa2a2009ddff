/**
 * The routing decision for one ticket (pure), in the order the seeds describe: the type (the classifier's
 * suggestion when confident and nobody chose one) → the priority from risk and emotion → the workspace's rules,
 * which may override both → the team (a rule's, the form's, the type's team, the default team). Whether someone
 * must then be assigned is decided here; who it is comes from the team's strategy (assignment/).
 */
import type { PriorityReason, RoutingSettings, TypeSuggestion } from '@shared/routing';
import type { TicketPriority } from '@shared/tickets';
import { assessRisk, outranks } from './risk';
import { type CompiledRule, evaluateRules, type RuleFacts, type RuleTrace } from './rules/evaluate';

export interface RoutingFacts extends RuleFacts {
  teamId: string | null;
  assigneeId: string | null;
  /** Customer messages on the ticket within the repeat window, the new one included (0 for an agent's form). */
  recentCustomerMessages: number;
  /** The reason the ticket already carries, kept unless a stronger one comes. */
  priorityReason: PriorityReason | null;
  /** Fields a person just set in the edit being routed: rules do not undo them. */
  keep?: readonly ('type' | 'priority' | 'team' | 'assignee')[];
}

export interface RoutingDecision {
  /** Routed as a new ticket (trigger ticket_created). */
  isNew: boolean;
  type: string | null;
  subtype: string | null;
  /** Set when the classifier (or the cold-start keywords) made a suggestion for a ticket without a chosen type. */
  typeSuggestion: TypeSuggestion | null;
  priority: TicketPriority;
  priorityReason: PriorityReason | null;
  teamId: string | null;
  /** A rule's explicit assignee; otherwise `needsAssignment` asks the team's strategy. */
  assigneeId: string | null;
  needsAssignment: boolean;
  addTags: string[];
  collaborationDepartmentIds: string[] | null;
  messages: string[];
  webhooks: string[];
  firedRules: { id: string | null; name: string }[];
  /** Every rule's walk, when asked for (the editor's test-run). */
  trace: RuleTrace[];
}

export function decideRouting(input: {
  facts: RoutingFacts;
  rules: readonly CompiledRule[];
  settings: RoutingSettings;
  suggestion: TypeSuggestion | null;
  trace?: boolean;
}): RoutingDecision {
  const { facts, settings } = input;
  const isNew = facts.trigger === 'ticket_created';
  let { type, subtype } = facts;
  let typeSuggestion: TypeSuggestion | null = null;
  if (isNew && !type && input.suggestion) {
    typeSuggestion = input.suggestion;
    if (input.suggestion.confidence >= settings.autoClassifyConfidence) {
      type = input.suggestion.type;
      subtype = input.suggestion.subtype;
    }
  }

  let priority = facts.priority;
  let priorityReason = facts.priorityReason;
  if (facts.trigger !== 'ticket_updated') {
    const risk = assessRisk({
      text: facts.text,
      settings,
      recentCustomerMessages: facts.recentCustomerMessages,
      orderAmount: facts.orderAmount,
    });
    // Risk only ever raises: a calm follow-up does not calm an urgent ticket down.
    if (risk && outranks(risk.priority, priority)) {
      priority = risk.priority;
      priorityReason = risk;
    }
  }

  const { outcome, trace } = evaluateRules(
    input.rules,
    { ...facts, type, subtype, priority },
    { trace: input.trace },
  );
  // What a person chose on the new-ticket form, or just set in the edit being routed, stands; rules fill in the rest.
  const kept = new Set(facts.keep ?? []);
  const chosen = (field: 'type' | 'team' | 'assignee', value: string | null) =>
    isNew || kept.has(field) ? value : null;
  if (outcome.type && !chosen('type', facts.type) && !kept.has('type')) {
    type = outcome.type.type;
    subtype = outcome.type.subtype;
  }
  if (outcome.priority && outcome.priority !== priority && !kept.has('priority')) {
    priority = outcome.priority;
    priorityReason = { priority, source: 'rule', detail: [outcome.priorityRule ?? ''] };
  }

  let teamId = kept.has('team')
    ? facts.teamId
    : (chosen('team', facts.teamId) ?? outcome.teamId ?? facts.teamId);
  if (isNew && !teamId) teamId = (type ? settings.typeTeams[type] : undefined) ?? settings.defaultTeamId;
  const assigneeId = kept.has('assignee')
    ? facts.assigneeId
    : (chosen('assignee', facts.assigneeId) ?? outcome.assigneeId ?? facts.assigneeId);
  return {
    isNew,
    type,
    subtype,
    typeSuggestion,
    priority,
    priorityReason,
    teamId: teamId ?? null,
    assigneeId: assigneeId ?? null,
    needsAssignment: isNew && !assigneeId,
    addTags: outcome.tags.filter((tag) => !facts.ticketTags.includes(tag)),
    collaborationDepartmentIds: outcome.collaborationDepartmentIds ?? null,
    messages: outcome.messages,
    webhooks: outcome.webhooks,
    firedRules: outcome.fired,
    trace,
  };
}
