import { ActionListField, WebhookUrlItem } from '@app/admin/action-list-field';
import { useDepartmentOptions } from '@app/components/department-options';
import { ESCALATION_ACTION_KINDS } from '@app/sla/sla-labels';
import { Flex, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_EXPLANATION_MINUTES } from './policy-form';

type FieldPath = (string | number)[];

/** The inputs one kind of action needs beside its kind: whom to reassign to, which tag, which URL, how long. */
function ActionDetails({ fieldName, fullPath }: { fieldName: number; fullPath: FieldPath }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const departmentOptions = useDepartmentOptions();
  const kind = Form.useWatch([...fullPath, fieldName, 'kind'], form);
  const reassignTo = Form.useWatch([...fullPath, fieldName, 'to'], form);

  switch (kind) {
    case 'reassign':
      return (
        <>
          <Form.Item name={[fieldName, 'to']} initialValue="supervisor" noStyle>
            <Select
              aria-label={t('slaPolicies.actions.reassignTo')}
              options={[
                { value: 'supervisor', label: t('slaPolicies.actions.toSupervisor') },
                { value: 'team', label: t('slaPolicies.actions.toTeam') },
              ]}
              style={{ width: 140 }}
            />
          </Form.Item>
          {reassignTo === 'team' && (
            <Form.Item
              name={[fieldName, 'teamId']}
              noStyle
              rules={[{ required: true, message: t('slaPolicies.actions.teamRequired') }]}
            >
              <Select
                aria-label={t('slaPolicies.actions.team')}
                placeholder={t('slaPolicies.actions.team')}
                options={departmentOptions}
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 160 }}
              />
            </Form.Item>
          )}
        </>
      );
    case 'add_tag':
      return (
        <Form.Item
          name={[fieldName, 'tag']}
          noStyle
          rules={[
            { required: true, whitespace: true, max: 50, message: t('slaPolicies.actions.tagRequired') },
          ]}
        >
          <Input placeholder={t('slaPolicies.actions.tag')} maxLength={50} style={{ width: 160 }} />
        </Form.Item>
      );
    case 'webhook':
      return (
        <WebhookUrlItem
          fieldName={fieldName}
          invalidMessage={t('slaPolicies.actions.urlInvalid')}
          style={{ width: 260 }}
        />
      );
    case 'require_explanation':
      return (
        <Form.Item name={[fieldName, 'withinMinutes']} initialValue={DEFAULT_EXPLANATION_MINUTES} noStyle>
          <InputNumber
            min={1}
            max={7 * 24 * 60}
            precision={0}
            prefix={t('slaPolicies.actions.within')}
            suffix={t('slaPolicies.actions.withinMinutes')}
            aria-label={t('slaPolicies.actions.within')}
            style={{ width: 170 }}
          />
        </Form.Item>
      );
    default:
      return null;
  }
}

/**
 * A list of actions (warning actions, or those of one escalation level). `name` is the list's path relative to
 * an enclosing list, `fullPath` the same from the form's root, which watching a field needs.
 */
export function EscalationActionsField({
  name,
  fullPath,
  required = false,
}: {
  name: FieldPath;
  fullPath: FieldPath;
  /** An escalation level does something, so it needs at least one action; warning actions may be none. */
  required?: boolean;
}) {
  const { t } = useTranslation();
  const kindOptions = ESCALATION_ACTION_KINDS.map((kind) => ({
    value: kind,
    label: t(`slaPolicies.actions.kinds.${kind}`),
  }));

  return (
    <ActionListField
      name={name}
      requiredMessage={required ? t('slaPolicies.actions.required') : undefined}
      removeLabel={t('slaPolicies.actions.remove')}
      addLabel={t('slaPolicies.actions.add')}
      newAction={() => ({ kind: 'notify_supervisor' })}
      renderRow={(field, removeButton) => (
        <Flex key={field.key} gap={8} wrap align="center" data-testid="escalation-action">
          <Form.Item name={[field.name, 'kind']} noStyle rules={[{ required: true }]}>
            <Select aria-label={t('slaPolicies.actions.kind')} options={kindOptions} style={{ width: 180 }} />
          </Form.Item>
          <ActionDetails fieldName={field.name} fullPath={fullPath} />
          {removeButton}
        </Flex>
      )}
    />
  );
}
