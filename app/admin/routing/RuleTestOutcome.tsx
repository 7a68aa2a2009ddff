import type { RuleTestResult } from '@app/api/routing';
import { useUserNames } from '@app/components/user-options';
import { usePriorityReasonText } from '@app/tickets/detail/priority-reason';
import { PriorityTag } from '@app/tickets/TicketTags';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRuleLabels } from './rule-labels';

/** What the sample ticket would end up as: type (and the classifier's guess), priority and why, team, the rest. */
export function RuleTestOutcome({ outcome }: { outcome: RuleTestResult['outcome'] }) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const ruleLabels = useRuleLabels();
  const userNames = useUserNames();
  const reasonText = usePriorityReasonText();
  const none = <Typography.Text type="secondary">{t('routingRules.test.none')}</Typography.Text>;
  const typeName = (type: string | null, subtype: string | null) =>
    [labels.type(type), labels.subtype(type, subtype)].filter(Boolean).join(' / ');
  const suggestion = outcome.typeSuggestion;

  return (
    <Descriptions
      title={t('routingRules.test.outcome')}
      column={1}
      size="small"
      colon={false}
      styles={{ label: { width: 84 } }}
      data-testid="rule-test-outcome"
    >
      <Descriptions.Item label={t('routingRules.field.type')}>
        <Flex vertical>
          <span data-testid="rule-test-type">
            {outcome.type ? typeName(outcome.type, outcome.subtype) : t('routingRules.test.typeNone')}
          </span>
          {suggestion && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('routingRules.test.suggestion', {
                type: typeName(suggestion.type, suggestion.subtype),
                confidence: Math.round(suggestion.confidence * 100),
                source: t(
                  `ticketRouting.suggestion.source.${suggestion.source === 'keywords' ? 'keywords' : 'classifier'}`,
                ),
              })}
            </Typography.Text>
          )}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('routingRules.field.priority')}>
        <Flex gap={4} wrap align="center" data-testid="rule-test-priority" data-priority={outcome.priority}>
          <PriorityTag priority={outcome.priority} />
          {outcome.priorityReason ? (
            <Typography.Text>{reasonText(outcome.priorityReason, { withPriority: false })}</Typography.Text>
          ) : null}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('routingRules.test.team')}>
        {ruleLabels.team(outcome.teamId) ?? (
          <Typography.Text type="secondary">{t('routingRules.test.teamNone')}</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('routingRules.test.assignee')}>
        {outcome.assigneeId ? (
          (userNames.get(outcome.assigneeId) ?? t('ticket.timeline.formerUser'))
        ) : outcome.teamId ? (
          <Typography.Text type="secondary">{t('routingRules.test.byStrategy')}</Typography.Text>
        ) : (
          none
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('routingRules.test.tags')}>
        {outcome.tags.length > 0 ? outcome.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : none}
      </Descriptions.Item>
      {outcome.needsCollaboration && (
        <Descriptions.Item label={t('routingRules.action.needs_collaboration')}>
          {t('ticket.timeline.yes')}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('routingRules.test.messages')}>
        {outcome.messages.length > 0 ? (
          <Flex vertical gap={4}>
            {outcome.messages.map((message, index) => (
              // The same template may be sent twice by two rules.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is shown once and never reordered
              <Typography.Text key={index} style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
                {message}
              </Typography.Text>
            ))}
          </Flex>
        ) : (
          none
        )}
      </Descriptions.Item>
      {outcome.webhooks.length > 0 && (
        <Descriptions.Item label={t('routingRules.action.webhook')}>
          <Flex vertical>
            {outcome.webhooks.map((url) => (
              <Typography.Text key={url} code style={{ fontSize: 12 }}>
                {url}
              </Typography.Text>
            ))}
          </Flex>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
