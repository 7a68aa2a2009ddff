import { EditOutlined } from '@ant-design/icons';
import type { Ticket } from '@app/api/types';
import { KeyValueListField } from '@app/components/KeyValueListField';
import { Button, Descriptions, Divider, Flex, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type CustomFields = Ticket['customFields'];
type FieldValue = CustomFields[string];

const display = (value: FieldValue, none: string) => (value === null || value === '' ? none : String(value));

/** Entries left untouched keep their type (a number stays a number); edited ones are saved as typed text. */
function toCustomFields(entries: { key: string; value: string }[], before: CustomFields): CustomFields {
  return Object.fromEntries(
    entries
      .filter((entry) => entry.key?.trim())
      .map((entry) => {
        const key = entry.key.trim();
        const original = before[key];
        const unchanged = original !== undefined && display(original, '') === (entry.value ?? '');
        return [key, unchanged ? original : (entry.value ?? '')];
      }),
  );
}

/** Workspace-specific facts about a ticket (serial number, store, warranty…), as free key/value pairs. */
export function CustomFieldsEditor({
  fields,
  editable,
  onSave,
}: {
  fields: CustomFields;
  editable: boolean;
  onSave: (fields: CustomFields) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ entries: { key: string; value: string }[] }>();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const entries = Object.entries(fields);
  const none = t('common.none');

  const submit = async (values: { entries: { key: string; value: string }[] }) => {
    setSaving(true);
    const saved = await onSave(toCustomFields(values.entries ?? [], fields));
    setSaving(false);
    if (saved) setEditing(false);
  };

  return (
    <>
      <Divider titlePlacement="start" plain style={{ margin: '12px 0 8px' }}>
        <Flex gap={4} align="center">
          {t('ticket.fields.customFields')}
          {editable && (
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              aria-label={t('ticket.fields.editCustomFields')}
            />
          )}
        </Flex>
      </Divider>
      {entries.length === 0 ? (
        <Typography.Text type="secondary">{t('ticket.fields.noCustomFields')}</Typography.Text>
      ) : (
        <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 96 } }}>
          {entries.map(([key, value]) => (
            <Descriptions.Item key={key} label={key}>
              {display(value, none)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Modal
        open={editing}
        title={t('ticket.fields.editCustomFields')}
        okText={t('common.save')}
        onOk={() => form.submit()}
        confirmLoading={saving}
        onCancel={() => setEditing(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          onFinish={submit}
          preserve={false}
          initialValues={{ entries: entries.map(([key, value]) => ({ key, value: display(value, '') })) }}
        >
          <KeyValueListField
            name="entries"
            keyLabel={t('ticket.fields.customFieldKey')}
            valueLabel={t('ticket.fields.customFieldValue')}
            addLabel={t('ticket.fields.addCustomField')}
            maxValueLength={1000}
          />
        </Form>
      </Modal>
    </>
  );
}
