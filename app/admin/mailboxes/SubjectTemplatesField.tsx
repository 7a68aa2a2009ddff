import { useTicketLabels } from '@app/tickets/ticket-labels';
import { DEFAULT_SUBJECT_TEMPLATE, DEFAULT_TEMPLATE_KEY, renderSubject } from '@shared/email-subject';
import { Flex, Form, type FormInstance, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MailboxForm } from './mailbox-form';

const MAX_TEMPLATE_LENGTH = 200;
const EXAMPLE = { number: '20261202001', orderNumber: 'DD20261202001' };

/**
 * One subject template per ticket type of the workspace, and the default for the rest, each with the subject an
 * example ticket of that type would get: what the customer will read, as it is typed. Templates kept for a type
 * the taxonomy no longer has stay visible, so they can be seen and cleared.
 */
export function SubjectTemplatesField({
  form,
  saved,
}: {
  form: FormInstance<MailboxForm>;
  saved: Record<string, string>;
}) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const templates = Form.useWatch('subjectTemplates', form) ?? saved;
  const known = new Set(labels.typeOptions.map((option) => option.value));
  const rows = [
    { key: DEFAULT_TEMPLATE_KEY, label: t('mailboxes.form.subjectDefault'), typeLabel: '' },
    ...labels.typeOptions.map((option) => ({
      key: option.value,
      label: option.label,
      typeLabel: option.label,
    })),
    ...Object.keys(saved)
      .filter((key) => key !== DEFAULT_TEMPLATE_KEY && !known.has(key))
      .map((key) => ({ key, label: t('mailboxes.form.subjectUnknownType', { key }), typeLabel: key })),
  ];
  const filled = Object.fromEntries(
    Object.entries(templates).flatMap(([key, template]) => (template?.trim() ? [[key, template]] : [])),
  );

  return (
    <Flex vertical gap={4}>
      {rows.map((row) => (
        <Form.Item
          key={row.key}
          name={['subjectTemplates', row.key]}
          label={row.label}
          rules={[{ max: MAX_TEMPLATE_LENGTH }]}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="subject-preview">
              {t('mailboxes.form.subjectPreview', {
                subject: renderSubject(filled, {
                  subject: t('mailboxes.form.exampleSubject'),
                  number: EXAMPLE.number,
                  orderNumber: EXAMPLE.orderNumber,
                  typeKey: row.key === DEFAULT_TEMPLATE_KEY ? null : row.key,
                  typeLabel: row.typeLabel,
                }),
              })}
            </Typography.Text>
          }
          style={{ marginBottom: 12 }}
        >
          <Input
            maxLength={MAX_TEMPLATE_LENGTH}
            allowClear
            placeholder={
              row.key === DEFAULT_TEMPLATE_KEY ? DEFAULT_SUBJECT_TEMPLATE : t('mailboxes.form.subjectEmpty')
            }
            data-testid={`subject-template-${row.key}`}
          />
        </Form.Item>
      ))}
    </Flex>
  );
}
