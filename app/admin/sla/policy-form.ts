import type { SlaPolicy } from '@app/api/sla-types';
import {
  DEFAULT_WARN_AT_SHARE,
  type EscalationAction,
  type EscalationActionKind,
  type SlaConditions,
  type SlaMetric,
  type SlaPolicyBody,
  type SlaTarget,
} from '@shared/sla';
import type { TicketStatus } from '@shared/tickets';

/** An action as the form holds it: every kind's fields side by side, only the chosen kind's are sent. */
export interface ActionFormValue {
  kind: EscalationActionKind;
  to?: 'supervisor' | 'team';
  teamId?: string | null;
  tag?: string;
  url?: string;
  withinMinutes?: number;
}

export interface LevelFormValue {
  afterMinutes: number;
  metrics?: SlaMetric[];
  actions?: ActionFormValue[];
}

export interface PolicyFormValues {
  name: string;
  enabled: boolean;
  calendarId?: string | null;
  match?: SlaConditions;
  targets?: SlaTarget[];
  pauseStatuses?: TicketStatus[];
  /** The warn share as a percentage, as people say it (80%). */
  warnAtPercent: number;
  warningActions?: ActionFormValue[];
  escalations?: LevelFormValue[];
}

/** Seed 002: the agent explains an overdue ticket within the hour. */
export const DEFAULT_EXPLANATION_MINUTES = 60;

/** What a new policy starts as: one target, the customer's turn paused, the assignee warned, the supervisor told. */
export const NEW_POLICY: PolicyFormValues = {
  name: '',
  enabled: true,
  calendarId: null,
  match: {},
  targets: [{ metric: 'first_response', amount: 4, unit: 'hours', time: 'business' }],
  pauseStatuses: ['pending_customer'],
  warnAtPercent: DEFAULT_WARN_AT_SHARE * 100,
  warningActions: [{ kind: 'notify_assignee' }],
  escalations: [{ afterMinutes: 0, actions: [{ kind: 'notify_supervisor' }] }],
};

export function policyToForm(policy: SlaPolicy): PolicyFormValues {
  return {
    name: policy.name,
    enabled: policy.enabled,
    calendarId: policy.calendarId,
    match: policy.match,
    targets: policy.targets,
    pauseStatuses: policy.pauseStatuses,
    warnAtPercent: Math.round(policy.warnAtShare * 100),
    warningActions: policy.warningActions,
    escalations: policy.escalations,
  };
}

const trimmedList = (values: string[] | undefined) =>
  (values ?? []).map((value) => value.trim()).filter(Boolean);

/** Conditions without the empty lists, so that "any" is stored as absent rather than as `[]`. */
/** Every condition a policy or a target can name, in the order the forms show them. */
export const SLA_CONDITION_KEYS = [
  'priorities',
  'types',
  'subtypes',
  'channels',
  'customerTiers',
  'tags',
] as const;
export type SlaConditionKey = (typeof SLA_CONDITION_KEYS)[number];
/** A target narrows its policy by everything but priority (the policy's targets are per priority already). */
export const TARGET_CONDITION_KEYS = SLA_CONDITION_KEYS.filter((key) => key !== 'priorities');

export function cleanConditions(conditions: SlaConditions | undefined): SlaConditions {
  const cleaned: SlaConditions = {};
  for (const key of SLA_CONDITION_KEYS) {
    const values = trimmedList(conditions?.[key]);
    if (values.length > 0) (cleaned as Record<string, string[]>)[key] = values;
  }
  return cleaned;
}

function toAction(action: ActionFormValue): EscalationAction {
  switch (action.kind) {
    case 'reassign':
      return action.to === 'team'
        ? { kind: 'reassign', to: 'team', teamId: action.teamId ?? null }
        : { kind: 'reassign', to: 'supervisor' };
    case 'add_tag':
      return { kind: 'add_tag', tag: (action.tag ?? '').trim() };
    case 'webhook':
      return { kind: 'webhook', url: (action.url ?? '').trim() };
    case 'require_explanation':
      return {
        kind: 'require_explanation',
        withinMinutes: action.withinMinutes ?? DEFAULT_EXPLANATION_MINUTES,
      };
    default:
      return { kind: action.kind };
  }
}

function toTarget(target: SlaTarget): SlaTarget {
  const when = cleanConditions(target.when);
  return {
    metric: target.metric,
    amount: target.amount,
    unit: target.unit,
    // Working days are counted on the working calendar whatever the basis says.
    time: target.unit === 'workingDays' ? 'business' : target.time,
    ...(Object.keys(when).length > 0 ? { when } : {}),
  };
}

/** The request body for the form's values; also what the live preview sends. */
export function formToPolicyBody(values: PolicyFormValues): SlaPolicyBody {
  return {
    name: (values.name ?? '').trim(),
    enabled: values.enabled ?? true,
    calendarId: values.calendarId ?? null,
    match: cleanConditions(values.match),
    targets: (values.targets ?? []).filter((target) => target?.metric).map(toTarget),
    pauseStatuses: values.pauseStatuses ?? [],
    warnAtShare: (values.warnAtPercent ?? DEFAULT_WARN_AT_SHARE * 100) / 100,
    warningActions: (values.warningActions ?? []).filter((action) => action?.kind).map(toAction),
    escalations: (values.escalations ?? []).filter(Boolean).map((level) => ({
      afterMinutes: level.afterMinutes ?? 0,
      ...(level.metrics && level.metrics.length > 0 ? { metrics: level.metrics } : {}),
      actions: (level.actions ?? []).filter((action) => action?.kind).map(toAction),
    })),
  };
}
