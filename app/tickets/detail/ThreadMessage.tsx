import { LockOutlined } from '@ant-design/icons';
import type { TicketMessage } from '@app/api/types';
import { PersonName } from '@app/components/PersonName';
import { useFormatDateTime } from '@app/components/use-format-date';
import { MaskedText } from '@app/privacy/MaskedText';
import { spansOf } from '@app/privacy/masked-segments';
import { Flex, Tag, Tooltip, Typography, theme } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelIcon } from '../channel-icon';
import { useTicketLabels } from '../ticket-labels';
import { AttachmentList } from './AttachmentList';
import { EmailDetails } from './EmailDetails';
import { DeliveryFailure, DeliveryTag } from './MessageDelivery';

/**
 * One message of the conversation: the customer's on the left, the team's on the right, internal notes in
 * yellow so that nobody mistakes them for something the customer has seen.
 */
export function ThreadMessage({
  ticketId,
  message,
  customerName,
}: {
  ticketId: string;
  message: TicketMessage;
  customerName: string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const labels = useTicketLabels();
  const formatDateTime = useFormatDateTime();
  const fromCustomer = message.direction === 'inbound';
  const isNote = message.direction === 'note';

  const bubble: CSSProperties = {
    maxWidth: '80%',
    minWidth: 240,
    padding: '8px 12px',
    borderRadius: token.borderRadiusLG,
    background: isNote
      ? token.colorWarningBg
      : fromCustomer
        ? token.colorFillQuaternary
        : token.colorPrimaryBg,
    border: `1px solid ${isNote ? token.colorWarningBorder : fromCustomer ? token.colorBorderSecondary : token.colorPrimaryBorder}`,
  };
  // A reply without an author was sent by Kefu itself (the acceptance notice, a rule's message, a broadcast).
  const author = message.author ? (
    message.author.kind === 'user' ? (
      <PersonName person={message.author} />
    ) : (
      message.author.name || customerName
    )
  ) : message.direction === 'outbound' ? (
    <span data-testid="automatic-message">{t('ticketRouting.automatic')}</span>
  ) : (
    customerName
  );

  return (
    <Flex
      justify={fromCustomer ? 'start' : 'end'}
      data-testid="thread-message"
      data-direction={message.direction}
    >
      <div style={bubble}>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 4, fontSize: 12 }}>
          {isNote && (
            <Tag color="gold" icon={<LockOutlined />} style={{ marginInlineEnd: 0 }}>
              {t('ticket.thread.note')}
            </Tag>
          )}
          <Typography.Text strong style={{ fontSize: 12 }}>
            {author}
          </Typography.Text>
          {!isNote && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <ChannelIcon channel={message.channel} /> {labels.channel(message.channel)}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
          </Typography.Text>
          <DeliveryTag message={message} />
          {message.anonymizedAt && (
            <Tooltip title={t('privacy.anonymizedHint', { time: formatDateTime(message.anonymizedAt) })}>
              <Tag style={{ marginInlineEnd: 0 }}>{t('privacy.anonymized')}</Tag>
            </Tooltip>
          )}
        </Flex>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginBottom: 0 }}>
          <MaskedText text={message.body} spans={spansOf(message.personalData, 'body')} />
        </Typography.Paragraph>
        {fromCustomer && message.channel === 'email' && <EmailDetails message={message} />}
        {/* The kept original .eml is offered under the mail, to those who may see it unmasked. */}
        <AttachmentList
          attachments={message.attachments.filter((file) => file.contentType !== 'message/rfc822')}
        />
        <DeliveryFailure ticketId={ticketId} message={message} />
      </div>
    </Flex>
  );
}
