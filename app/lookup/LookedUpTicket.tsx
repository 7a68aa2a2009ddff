import { PaperClipOutlined } from '@ant-design/icons';
import { isApiProblem } from '@app/api/problem';
import {
  type PublicTicket,
  type PublicTicketMessage,
  useLookedUpTicket,
  useReplyToLookedUpTicket,
} from '@app/api/ticket-lookup';
import { useFormatDateTime } from '@app/components/use-format-date';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, App, Button, Empty, Flex, Form, Input, Tag, Typography, theme } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

const REPLY_MAX_LENGTH = 2000;

/** The lookup token ran out or is no longer valid: the customer has to look the ticket up again. */
const expired = (error: unknown) => isApiProblem(error) && error.status === 401;

const STATUS_COLORS: Record<PublicTicket['status'], string> = {
  new: 'blue',
  open: 'processing',
  pending_customer: 'orange',
  pending_internal: 'purple',
  resolved: 'green',
  closed: 'default',
};

function MessageBubble({ message }: { message: PublicTicketMessage }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const formatDateTime = useFormatDateTime();
  const mine = message.direction === 'inbound';
  const who = mine
    ? t('ticketLookup.you')
    : message.author
      ? t('ticketLookup.agent', { name: message.author })
      : t('ticketLookup.team');
  return (
    <Flex vertical align={mine ? 'flex-end' : 'flex-start'} data-testid="lookup-message">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {who} · {formatDateTime(message.createdAt)}
      </Typography.Text>
      <div
        style={{
          maxWidth: '85%',
          padding: '8px 12px',
          borderRadius: token.borderRadiusLG,
          background: mine ? token.colorPrimaryBg : token.colorFillTertiary,
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
        }}
      >
        {message.text}
        {message.attachments.map((attachment) => (
          <div key={attachment.id}>
            <Typography.Text type="secondary">
              <PaperClipOutlined /> {t('ticketLookup.attachment', { name: attachment.filename })}
            </Typography.Text>
          </div>
        ))}
      </div>
    </Flex>
  );
}

/** The found ticket: its progress, the conversation, and a box to add to it. */
export function LookedUpTicket({
  token,
  initial,
  onExpired,
  onDone,
}: {
  token: string;
  initial: PublicTicket | null;
  onExpired: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const [form] = Form.useForm<{ text: string }>();
  const loaded = useLookedUpTicket(token, initial);
  const reply = useReplyToLookedUpTicket();
  const ticket = loaded.data;

  useEffect(() => {
    if (expired(loaded.error) || expired(reply.error)) onExpired();
  }, [loaded.error, reply.error, onExpired]);

  if (!ticket) return <Flex justify="center">{t('ticketLookup.refreshing')}</Flex>;

  const send = ({ text }: { text: string }) =>
    reply.mutate(
      { token, text: text.trim() },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('ticketLookup.sent'));
        },
      },
    );

  return (
    <Flex vertical gap={16} data-testid="lookup-ticket">
      <Flex vertical gap={4}>
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong>
            {t('ticketLookup.ticketNumber', { number: ticket.number })}
          </Typography.Text>
          <Tag color={STATUS_COLORS[ticket.status]} data-testid="lookup-status">
            {t(`ticketStatus.${ticket.status}`)}
          </Tag>
        </Flex>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {ticket.subject}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('ticketLookup.createdAt', { time: formatDateTime(ticket.createdAt) })} ·{' '}
          {t('ticketLookup.updatedAt', { time: formatDateTime(ticket.updatedAt) })}
        </Typography.Text>
      </Flex>

      <Flex vertical gap={12}>
        {ticket.messages.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketLookup.noMessages')} />
        ) : (
          ticket.messages.map((item) => <MessageBubble key={item.id} message={item} />)
        )}
      </Flex>

      {ticket.canReply ? (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={send} disabled={reply.isPending}>
          {reply.isError && !expired(reply.error) && (
            <Alert
              type="error"
              showIcon
              title={
                isApiProblem(reply.error) && reply.error.code === 'ticket_closed'
                  ? t('ticketLookup.closed')
                  : problemMessage(t, reply.error)
              }
              style={{ marginBottom: 12 }}
            />
          )}
          <Form.Item
            name="text"
            label={t('ticketLookup.replyLabel')}
            htmlFor="lookup-reply"
            rules={[{ required: true, whitespace: true, message: t('ticketLookup.replyRequired') }]}
          >
            <Input.TextArea
              id="lookup-reply"
              rows={3}
              maxLength={REPLY_MAX_LENGTH}
              showCount
              placeholder={t('ticketLookup.replyPlaceholder')}
              data-testid="lookup-reply"
            />
          </Form.Item>
          <Flex justify="space-between" gap={8}>
            <Button onClick={onDone}>{t('ticketLookup.another')}</Button>
            <Button type="primary" htmlType="submit" loading={reply.isPending} data-testid="lookup-send">
              {t('ticketLookup.send')}
            </Button>
          </Flex>
        </Form>
      ) : (
        <>
          <Alert type="info" showIcon title={t('ticketLookup.closed')} />
          <Button onClick={onDone}>{t('ticketLookup.another')}</Button>
        </>
      )}
    </Flex>
  );
}
