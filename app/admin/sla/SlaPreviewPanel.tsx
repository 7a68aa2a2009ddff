import { useSlaPreview } from '@app/api/sla';
import type { SlaPreviewTicket } from '@app/api/sla-types';
import { useDebouncedValue } from '@app/components/use-debounced-value';
import { useFormatDateTime } from '@app/components/use-format-date';
import { problemMessage } from '@app/i18n/problem-message';
import { useSlaLabels } from '@app/sla/sla-labels';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { Alert, Card, Flex, Form, type FormInstance, Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formToPolicyBody, type PolicyFormValues } from './policy-form';

const PREVIEW_DEBOUNCE_MS = 500;

/** "A 紧急 ticket created now is due at …": the policy being edited, tried on an imagined ticket. */
export function SlaPreviewPanel({ form }: { form: FormInstance<PolicyFormValues> }) {
  const { t } = useTranslation();
  const slaLabels = useSlaLabels();
  const ticketLabels = useTicketLabels();
  const formatDateTime = useFormatDateTime();
  const [ticket, setTicket] = useState<SlaPreviewTicket>({ priority: 'urgent', channel: 'web_chat' });
  const values = Form.useWatch((all: PolicyFormValues) => all, { form, preserve: true });
  // The server checks the policy as it would on saving; a policy not yet named is still worth a preview.
  const body = useMemo(() => {
    if (!values) return null;
    const policy = formToPolicyBody(values);
    return { ...policy, name: policy.name || t('slaPolicies.preview.untitled') };
  }, [values, t]);
  const preview = useSlaPreview(useDebouncedValue(body, PREVIEW_DEBOUNCE_MS), ticket);

  return (
    <Card size="small" title={t('slaPolicies.preview.title')} data-testid="sla-preview">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('slaPolicies.preview.help')}
      </Typography.Paragraph>
      <Flex vertical gap={8} style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('slaPolicies.conditions.priorities')}
          value={ticket.priority}
          options={ticketLabels.priorityOptions}
          onChange={(priority) => setTicket({ ...ticket, priority })}
          data-testid="sla-preview-priority"
        />
        <Select
          aria-label={t('slaPolicies.conditions.types')}
          allowClear
          placeholder={t('slaPolicies.preview.anyType')}
          value={ticket.type}
          options={ticketLabels.typeOptions}
          onChange={(type?: string) => setTicket({ ...ticket, type })}
        />
        <Select
          aria-label={t('slaPolicies.conditions.channels')}
          showSearch={{ optionFilterProp: 'label' }}
          value={ticket.channel}
          options={ticketLabels.channelOptions}
          onChange={(channel) => setTicket({ ...ticket, channel })}
        />
      </Flex>
      {preview.isError ? (
        <Alert
          type="warning"
          showIcon
          title={t('slaPolicies.preview.failed', { reason: problemMessage(t, preview.error) })}
        />
      ) : !preview.data ? (
        <Flex justify="center">
          <Spin />
        </Flex>
      ) : preview.data.targets.length === 0 ? (
        <Typography.Text type="secondary">{t('slaPolicies.preview.none')}</Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('slaPolicies.preview.from', { time: formatDateTime(preview.data.from) })}
          </Typography.Text>
          {preview.data.targets.map((target) => (
            <Flex
              key={target.metric}
              justify="space-between"
              gap={8}
              data-testid={`sla-preview-${target.metric}`}
            >
              <Flex vertical>
                <Typography.Text strong>{slaLabels.metric(target.metric)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {slaLabels.duration(target.target)} · {t(`sla.timeBasis.${target.target.time}`)}
                </Typography.Text>
              </Flex>
              <Flex vertical align="end">
                <Typography.Text>{formatDateTime(target.dueAt)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('slaPolicies.preview.warnAt', { time: formatDateTime(target.warnAt) })}
                </Typography.Text>
              </Flex>
            </Flex>
          ))}
          {preview.isFetching && <Spin size="small" />}
        </Flex>
      )}
    </Card>
  );
}
