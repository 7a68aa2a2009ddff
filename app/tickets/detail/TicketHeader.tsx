import { MergeCellsOutlined } from '@ant-design/icons';
import type { TicketDetail } from '@app/api/types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { MaskedText } from '@app/privacy/MaskedText';
import { spansOf } from '@app/privacy/masked-segments';
import { useCan } from '@app/session/use-session';
import { Button, Flex, Space, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChannelTag, PriorityTag, StatusTag } from '../TicketTags';
import { PriorityReasonTag } from './PriorityReasonTag';
import { StatusActions } from './StatusActions';
import type { SaveTicket } from './use-ticket-editor';

/** Number (to read out to the customer), subject, where the ticket stands and what can be done with it. */
export function TicketHeader({
  ticket,
  save,
  editable,
  onMerge,
}: {
  ticket: TicketDetail;
  save: SaveTicket;
  editable: boolean;
  onMerge: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const { token } = theme.useToken();
  const formatDateTime = useFormatDateTime();

  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Space size={8} wrap>
            <Typography.Text
              copyable={{ text: ticket.number, tooltips: [t('ticket.copyNumber'), t('common.copied')] }}
              style={{ fontSize: 16, fontVariantNumeric: 'tabular-nums', color: token.colorTextSecondary }}
            >
              <span data-testid="ticket-number">{ticket.number}</span>
            </Typography.Text>
            <StatusTag status={ticket.status} />
            <PriorityTag priority={ticket.priority} />
            <PriorityReasonTag ticket={ticket} />
            <ChannelTag channel={ticket.channel} />
          </Space>
          <Typography.Title
            level={3}
            style={{ margin: 0 }}
            editable={
              editable
                ? {
                    // The children are the masked subject with its reveal buttons; the editor gets the text.
                    text: ticket.subject,
                    tooltip: t('ticket.editSubject'),
                    maxLength: 200,
                    onChange: (subject) => {
                      const trimmed = subject.trim();
                      if (trimmed && trimmed !== ticket.subject) void save({ subject: trimmed });
                    },
                  }
                : false
            }
          >
            <MaskedText text={ticket.subject} spans={spansOf(ticket.personalData, 'subject')} />
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ticket.receivedAt', { time: formatDateTime(ticket.receivedAt) })}
            {ticket.resolvedAt && ` · ${t('ticket.resolvedAt', { time: formatDateTime(ticket.resolvedAt) })}`}
            {ticket.closedAt && ` · ${t('ticket.closedAt', { time: formatDateTime(ticket.closedAt) })}`}
          </Typography.Text>
        </Flex>
        {can('tickets:merge') && editable && (
          <Button icon={<MergeCellsOutlined />} onClick={onMerge} data-testid="merge-open">
            {t('ticket.merge.open')}
          </Button>
        )}
      </Flex>
      {can('tickets:update') && editable && <StatusActions ticket={ticket} save={save} />}
    </Flex>
  );
}
