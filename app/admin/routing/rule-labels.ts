import { useDepartments } from '@app/api/departments';
import { formatYuan } from '@app/components/format-money';
import { useUserNames } from '@app/components/user-options';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import type { RuleAction, RuleCondition } from '@shared/routing';
import { TICKET_PRIORITIES, type TicketPriority } from '@shared/tickets';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Customer tiers the seeds name; a workspace may use others, which show as typed. */
export const KNOWN_TIERS = ['normal', 'vip', 'key_account'] as const;

const isPriority = (value: string): value is TicketPriority =>
  (TICKET_PRIORITIES as readonly string[]).includes(value);

export interface RuleLabels {
  tier: (tier: string) => string;
  tierOptions: { value: string; label: string }[];
  condition: (condition: RuleCondition) => string;
  action: (action: RuleAction) => string;
  team: (teamId: string | null) => string | null;
}

/** Conditions and actions as short sentences ("渠道 属于 微信、邮件", "优先级设为 紧急") for the table and test-run. */
export function useRuleLabels(): RuleLabels {
  const { t, i18n } = useTranslation();
  const labels = useTicketLabels();
  const userNames = useUserNames();
  const departments = useDepartments().data;

  const team = useCallback(
    (teamId: string | null) =>
      teamId === null
        ? null
        : (departments?.find((department) => department.id === teamId)?.name ??
          t('ticket.timeline.formerDepartment')),
    [departments, t],
  );

  return useMemo(() => {
    const separator = t('common.listSeparator');
    const tier = (value: string) =>
      (KNOWN_TIERS as readonly string[]).includes(value)
        ? t(`routingRules.tier.${value as (typeof KNOWN_TIERS)[number]}`)
        : value;
    const valueName = (field: RuleCondition['field'], value: string) => {
      switch (field) {
        case 'channel':
          return labels.channel(value);
        case 'customer_tier':
          return tier(value);
        case 'type':
          return labels.type(value) ?? value;
        case 'subtype':
          return labels.subtype(null, value) ?? value;
        case 'priority':
          return isPriority(value) ? labels.priority(value) : value;
        case 'sla_state':
          return t(`routingRules.slaState.${value as 'on_track'}`);
        default:
          return value;
      }
    };
    const condition = (rule: RuleCondition) => {
      const field = t(`routingRules.field.${rule.field}`);
      const operator = t(`routingRules.operator.${rule.operator}`);
      switch (rule.field) {
        case 'order_amount':
          return `${field} ${operator} ${formatYuan(rule.value, i18n.language)}`;
        case 'business_hours':
          return rule.value
            ? t('routingRules.businessHours.inside')
            : t('routingRules.businessHours.outside');
        case 'text':
          if (rule.operator === 'matches') return `${field} ${operator} /${rule.pattern ?? ''}/`;
          return `${field} ${operator} ${(rule.values ?? []).join(separator)}`;
        default:
          if (rule.operator === 'is_empty') return `${field} ${operator}`;
          return `${field} ${operator} ${rule.values.map((value) => valueName(rule.field, value)).join(separator)}`;
      }
    };
    const action = (rule: RuleAction) => {
      const kind = t(`routingRules.action.${rule.kind}`);
      switch (rule.kind) {
        case 'set_type':
          return `${kind} ${[labels.type(rule.type), labels.subtype(rule.type, rule.subtype)].filter(Boolean).join(' / ')}`;
        case 'set_priority':
          return `${kind} ${labels.priority(rule.priority)}`;
        case 'set_team':
          return `${kind} ${team(rule.teamId)}`;
        case 'assign':
          return `${kind} ${userNames.get(rule.assigneeId) ?? t('ticket.timeline.formerUser')}`;
        case 'add_tags':
          return `${kind} ${rule.tags.join(separator)}`;
        case 'needs_collaboration':
          return rule.departmentIds.length > 0
            ? `${kind} ${rule.departmentIds.map((id) => team(id)).join(separator)}`
            : kind;
        default:
          return kind;
      }
    };
    return {
      tier,
      tierOptions: KNOWN_TIERS.map((value) => ({ value, label: tier(value) })),
      condition,
      action,
      team,
    };
  }, [t, i18n.language, labels, userNames, team]);
}
