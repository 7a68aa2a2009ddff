import type { RoutingRule, RoutingRuleBody } from '@app/api/routing';
import type {
  RuleAction,
  RuleActionKind,
  RuleCondition,
  RuleConditionField,
  RuleTrigger,
  SlaConditionState,
} from '@shared/routing';
import type { TicketPriority } from '@shared/tickets';

/** Operators each condition field offers, the first being what a new condition starts with. */
export const CONDITION_OPERATORS: Record<RuleConditionField, readonly string[]> = {
  text: ['contains_any', 'contains_all', 'contains_none', 'matches'],
  channel: ['in', 'not_in'],
  customer_tier: ['in', 'not_in'],
  customer_tags: ['has_any', 'has_all', 'has_none'],
  ticket_tags: ['has_any', 'has_all', 'has_none'],
  order_amount: ['gte', 'lt'],
  business_hours: ['is'],
  type: ['in', 'not_in', 'is_empty'],
  subtype: ['in', 'not_in', 'is_empty'],
  priority: ['in', 'not_in', 'is_empty'],
  sla_state: ['in'],
};

/** The fields in the order the editor offers them: what is said first, then who says it, then the ticket. */
export const CONDITION_FIELDS = Object.keys(CONDITION_OPERATORS) as RuleConditionField[];

export const ACTION_KINDS: readonly RuleActionKind[] = [
  'set_priority',
  'set_type',
  'set_team',
  'assign',
  'add_tags',
  'needs_collaboration',
  'send_message',
  'webhook',
];

/** A condition as the form holds it: every field's inputs side by side, only the chosen field's are sent. */
export interface ConditionFormValue {
  field: RuleConditionField;
  operator: string;
  values?: string[];
  pattern?: string;
  /** order_amount */
  amount?: number | null;
  /** business_hours */
  inside?: boolean;
}

export interface ActionFormValue {
  kind: RuleActionKind;
  /** set_type: [type] or [type, subtype], as the Cascader gives it. */
  typePath?: string[];
  priority?: TicketPriority;
  teamId?: string;
  assigneeId?: string;
  tags?: string[];
  departmentIds?: string[];
  template?: string;
  url?: string;
}

export interface RuleFormValues {
  name: string;
  enabled: boolean;
  triggers: RuleTrigger[];
  match: 'all' | 'any';
  conditions?: ConditionFormValue[];
  actions?: ActionFormValue[];
  stopAfterMatch: boolean;
}

/** The seeds' most common first rule: risk words make a request urgent and send it to the supervisors. */
export const NEW_RULE: RuleFormValues = {
  name: '',
  enabled: true,
  triggers: ['ticket_created'],
  match: 'all',
  conditions: [{ field: 'text', operator: 'contains_any', values: [] }],
  actions: [{ kind: 'set_priority', priority: 'urgent' }],
  stopAfterMatch: false,
};

export const newCondition = (field: RuleConditionField): ConditionFormValue => ({
  field,
  operator: CONDITION_OPERATORS[field][0] ?? 'in',
  ...(field === 'business_hours' ? { inside: true } : {}),
});

function conditionToForm(condition: RuleCondition): ConditionFormValue {
  switch (condition.field) {
    case 'order_amount':
      return { field: condition.field, operator: condition.operator, amount: condition.value };
    case 'business_hours':
      return { field: condition.field, operator: condition.operator, inside: condition.value };
    case 'text':
      return {
        field: condition.field,
        operator: condition.operator,
        values: condition.values ?? [],
        pattern: condition.pattern,
      };
    default:
      return { field: condition.field, operator: condition.operator, values: [...condition.values] };
  }
}

function actionToForm(action: RuleAction): ActionFormValue {
  switch (action.kind) {
    case 'set_type':
      return { kind: action.kind, typePath: action.subtype ? [action.type, action.subtype] : [action.type] };
    case 'set_priority':
      return { kind: action.kind, priority: action.priority };
    case 'set_team':
      return { kind: action.kind, teamId: action.teamId };
    case 'assign':
      return { kind: action.kind, assigneeId: action.assigneeId };
    case 'add_tags':
      return { kind: action.kind, tags: action.tags };
    case 'needs_collaboration':
      return { kind: action.kind, departmentIds: action.departmentIds };
    case 'send_message':
      return { kind: action.kind, template: action.template };
    case 'webhook':
      return { kind: action.kind, url: action.url };
  }
}

export function ruleToForm(rule: RoutingRule): RuleFormValues {
  return {
    name: rule.name,
    enabled: rule.enabled,
    triggers: rule.triggers,
    match: rule.match,
    conditions: (rule.conditions as RuleCondition[]).map(conditionToForm),
    actions: (rule.actions as RuleAction[]).map(actionToForm),
    stopAfterMatch: rule.stopAfterMatch,
  };
}

const trimmed = (values: string[] | undefined) => (values ?? []).map((value) => value.trim()).filter(Boolean);

function toCondition(condition: ConditionFormValue): RuleCondition {
  const values = trimmed(condition.values);
  switch (condition.field) {
    case 'text':
      return condition.operator === 'matches'
        ? { field: 'text', operator: 'matches', pattern: condition.pattern?.trim() ?? '' }
        : { field: 'text', operator: condition.operator as 'contains_any', values };
    case 'order_amount':
      return { field: 'order_amount', operator: condition.operator as 'gte', value: condition.amount ?? 0 };
    case 'business_hours':
      return { field: 'business_hours', operator: 'is', value: condition.inside ?? true };
    case 'sla_state':
      return { field: 'sla_state', operator: 'in', values: values as SlaConditionState[] };
    case 'customer_tags':
    case 'ticket_tags':
      return { field: condition.field, operator: condition.operator as 'has_any', values };
    case 'type':
    case 'subtype':
    case 'priority':
      return {
        field: condition.field,
        operator: condition.operator as 'in',
        values: condition.operator === 'is_empty' ? [] : values,
      };
    default:
      return { field: condition.field, operator: condition.operator as 'in', values };
  }
}

function toAction(action: ActionFormValue): RuleAction {
  switch (action.kind) {
    case 'set_type': {
      const [type = '', subtype = null] = action.typePath ?? [];
      return { kind: 'set_type', type, subtype };
    }
    case 'set_priority':
      return { kind: 'set_priority', priority: action.priority ?? 'urgent' };
    case 'set_team':
      return { kind: 'set_team', teamId: action.teamId ?? '' };
    case 'assign':
      return { kind: 'assign', assigneeId: action.assigneeId ?? '' };
    case 'add_tags':
      return { kind: 'add_tags', tags: trimmed(action.tags) };
    case 'needs_collaboration':
      return { kind: 'needs_collaboration', departmentIds: action.departmentIds ?? [] };
    case 'send_message':
      return { kind: 'send_message', template: (action.template ?? '').trim() };
    case 'webhook':
      return { kind: 'webhook', url: (action.url ?? '').trim() };
  }
}

/** The request body for the form's values; also the draft the test-run sends. */
export function formToRuleBody(values: RuleFormValues): RoutingRuleBody {
  return {
    name: (values.name ?? '').trim(),
    enabled: values.enabled ?? true,
    triggers: values.triggers ?? ['ticket_created'],
    match: values.match ?? 'all',
    conditions: (values.conditions ?? []).filter((condition) => condition?.field).map(toCondition),
    actions: (values.actions ?? []).filter((action) => action?.kind).map(toAction),
    stopAfterMatch: values.stopAfterMatch ?? false,
  } as RoutingRuleBody;
}

/** A saved rule as the test-run takes it (a draft body with the rule's id). */
export const ruleAsDraft = (rule: RoutingRule): RoutingRuleBody & { id: string } => ({
  id: rule.id,
  name: rule.name,
  enabled: rule.enabled,
  triggers: rule.triggers,
  match: rule.match,
  conditions: rule.conditions,
  actions: rule.actions,
  stopAfterMatch: rule.stopAfterMatch,
});
