import { ActionListField, WebhookUrlItem } from '@app/admin/action-list-field';
import { useDepartmentOptions } from '@app/components/department-options';
import { useUserOptions } from '@app/components/user-options';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import type { RuleActionKind } from '@shared/routing';
import { Cascader, Flex, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACTION_KINDS, type ActionFormValue } from './rule-form';

/** Placeholders a message template may use; the server fills them in for each ticket. */
export const MESSAGE_PLACEHOLDERS = ['{ticketNumber}', '{customerName}', '{agentName}', '{employeeNo}'];

const emptyAction = (kind: RuleActionKind): ActionFormValue =>
  kind === 'set_priority' ? { kind, priority: 'urgent' } : { kind };

/** The inputs one kind of action needs: which type, priority, team, person, tags, text or URL. */
function ActionDetails({ fieldName }: { fieldName: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const labels = useTicketLabels();
  const departmentOptions = useDepartmentOptions();
  const userOptions = useUserOptions();
  const kind: RuleActionKind | undefined = Form.useWatch(['actions', fieldName, 'kind'], form);
  const wide = { flex: 1, minWidth: 220 };

  switch (kind) {
    case 'set_type':
      return (
        <Form.Item
          name={[fieldName, 'typePath']}
          noStyle
          rules={[{ required: true, type: 'array', min: 1, message: t('routingRules.form.typeRequired') }]}
        >
          <Cascader
            options={labels.typeTree}
            changeOnSelect
            placeholder={t('routingRules.form.typePlaceholder')}
            aria-label={t('routingRules.action.set_type')}
            style={wide}
          />
        </Form.Item>
      );
    case 'set_priority':
      return (
        <Form.Item name={[fieldName, 'priority']} noStyle rules={[{ required: true }]}>
          <Select
            options={labels.priorityOptions}
            aria-label={t('routingRules.action.set_priority')}
            style={{ width: 140 }}
          />
        </Form.Item>
      );
    case 'set_team':
      return (
        <Form.Item
          name={[fieldName, 'teamId']}
          noStyle
          rules={[{ required: true, message: t('routingRules.form.teamRequired') }]}
        >
          <Select
            options={departmentOptions}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('routingRules.form.teamPlaceholder')}
            aria-label={t('routingRules.action.set_team')}
            style={wide}
          />
        </Form.Item>
      );
    case 'assign':
      return (
        <Form.Item
          name={[fieldName, 'assigneeId']}
          noStyle
          rules={[{ required: true, message: t('routingRules.form.assigneeRequired') }]}
        >
          <Select
            options={userOptions}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('routingRules.form.assigneePlaceholder')}
            aria-label={t('routingRules.action.assign')}
            style={wide}
          />
        </Form.Item>
      );
    case 'add_tags':
      return (
        <Form.Item
          name={[fieldName, 'tags']}
          noStyle
          rules={[{ required: true, type: 'array', min: 1, message: t('routingRules.form.tagsRequired') }]}
        >
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，', '、']}
            placeholder={t('routingRules.form.tagsPlaceholder')}
            aria-label={t('routingRules.action.add_tags')}
            style={wide}
          />
        </Form.Item>
      );
    case 'needs_collaboration':
      return (
        <Form.Item name={[fieldName, 'departmentIds']} noStyle>
          <Select
            mode="multiple"
            options={departmentOptions}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('routingRules.form.departmentsPlaceholder')}
            aria-label={t('routingRules.action.needs_collaboration')}
            style={wide}
          />
        </Form.Item>
      );
    case 'send_message':
      return (
        <Flex vertical gap={4} style={{ flexBasis: '100%' }}>
          <Form.Item
            name={[fieldName, 'template']}
            noStyle
            rules={[{ required: true, whitespace: true, message: t('routingRules.form.templateRequired') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
              placeholder={t('routingRules.form.templatePlaceholder')}
              aria-label={t('routingRules.action.send_message')}
            />
          </Form.Item>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('routingRules.form.placeholders', { list: MESSAGE_PLACEHOLDERS.join(' ') })}
          </Typography.Text>
        </Flex>
      );
    case 'webhook':
      return (
        <WebhookUrlItem
          fieldName={fieldName}
          invalidMessage={t('routingRules.form.urlInvalid')}
          ariaLabel={t('routingRules.action.webhook')}
          style={wide}
        />
      );
    default:
      return null;
  }
}

/** What a matching rule does, in order; a later rule overrides an earlier one's type, priority, team, assignee. */
export function RuleActionsField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const kindOptions = ACTION_KINDS.map((kind) => ({ value: kind, label: t(`routingRules.action.${kind}`) }));

  return (
    <ActionListField
      name="actions"
      requiredMessage={t('routingRules.form.actionsRequired')}
      removeLabel={t('routingRules.form.removeAction')}
      addLabel={t('routingRules.form.addAction')}
      newAction={() => emptyAction('set_team')}
      renderRow={(entry, removeButton) => (
        <Form.Item key={entry.key} style={{ marginBottom: 0 }}>
          <Flex gap={8} wrap align="start" data-testid="rule-action">
            <Form.Item name={[entry.name, 'kind']} noStyle>
              <Select<RuleActionKind>
                aria-label={t('routingRules.form.actionKind')}
                options={kindOptions}
                style={{ width: 150 }}
                onChange={(kind) => form.setFieldValue(['actions', entry.name], emptyAction(kind))}
              />
            </Form.Item>
            <ActionDetails fieldName={entry.name} />
            {removeButton}
          </Flex>
        </Form.Item>
      )}
    />
  );
}
