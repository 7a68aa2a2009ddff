import { ExportOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import type { LiveChat } from '@app/api/live-chats';
import type { TicketDetail } from '@app/api/types';
import { ThreadMessage } from '@app/tickets/detail/ThreadMessage';
import { TransferTicketModal } from '@app/tickets/detail/TransferTicketModal';
import { App, Button, type ButtonProps, Card, Flex, Popconfirm, Tag, Typography, theme } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChatComposer } from './ChatComposer';
import { chatTitle } from './chat-labels';
import { SatisfactionRating } from './SatisfactionRating';
import type { CustomerTyping } from './use-customer-typing';

const STATE_COLORS = { waiting: 'orange', active: 'green', ended: 'default' } as const;

function TypingLine({ typing }: { typing: CustomerTyping | undefined }) {
  const { t } = useTranslation();
  if (!typing) return null;
  return (
    <Typography.Text type="secondary" italic data-testid="customer-typing" style={{ fontSize: 12 }}>
      {typing.preview
        ? t('liveChat.typing.withPreview', { preview: typing.preview })
        : t('liveChat.typing.short')}
    </Typography.Text>
  );
}

/** The messages, oldest first, kept scrolled to the newest as they arrive (unless the agent scrolled up to read). */
function ChatThread({ ticket, chat }: { ticket: TicketDetail; chat: LiveChat | undefined }) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const stuckToBottom = useRef(true);
  const count = ticket.messages.length;
  const fallbackName = chat ? chatTitle(t, chat) : t('ticket.thread.customer');
  const lastOutbound = ticket.messages.findLast((message) => message.direction === 'outbound');
  const seen =
    lastOutbound && chat?.visitorReadAt
      ? new Date(chat.visitorReadAt) >= new Date(lastOutbound.createdAt)
      : false;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a message arrives.
  useEffect(() => {
    const element = scroller.current;
    if (element && stuckToBottom.current) element.scrollTop = element.scrollHeight;
  }, [count]);

  return (
    <div
      ref={scroller}
      onScroll={(event) => {
        const element = event.currentTarget;
        stuckToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
      }}
      style={{ flex: 1, overflow: 'auto', minHeight: 0, paddingInlineEnd: 4 }}
      data-testid="chat-thread"
    >
      <Flex vertical gap={10}>
        {ticket.messages.map((message) => (
          <div key={message.id}>
            <ThreadMessage ticketId={ticket.id} message={message} customerName={fallbackName} />
            {message.id === lastOutbound?.id && chat && (
              <Typography.Text
                type="secondary"
                data-testid="visitor-read"
                style={{ display: 'block', textAlign: 'end', fontSize: 12 }}
              >
                {seen ? t('liveChat.read') : t('liveChat.unread')}
              </Typography.Text>
            )}
          </div>
        ))}
      </Flex>
    </div>
  );
}

/**
 * The middle column: one chat's conversation with its actions (接入, 转接, 结束会话) and, once the chat is the agent's,
 * the composer. A chat that ended (it left the list) stays readable here.
 */
export function ChatConversation({
  ticket,
  chat,
  mine,
  typing,
  pickingUp,
  onPickUp,
  onEnd,
  ending,
}: {
  ticket: TicketDetail;
  chat: LiveChat | undefined;
  mine: boolean;
  typing: CustomerTyping | undefined;
  pickingUp: boolean;
  onPickUp: () => void;
  onEnd: () => Promise<unknown>;
  ending: boolean;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const [transferring, setTransferring] = useState(false);
  const state = chat?.state ?? 'ended';

  return (
    <Card
      size="small"
      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      styles={{ body: { flex: 1, display: 'flex', flexDirection: 'column', gap: 12, minHeight: 0 } }}
      title={
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{chat ? chatTitle(t, chat) : ticket.subject}</Typography.Text>
          <Tag color={STATE_COLORS[state]} data-testid="chat-state">
            {t(`liveChat.state.${state}`)}
          </Tag>
          <Link to={`/tickets/${ticket.id}`} style={{ fontSize: 12, fontWeight: 'normal' }}>
            {ticket.number} <ExportOutlined />
          </Link>
        </Flex>
      }
      extra={
        <Flex gap={8}>
          {state === 'waiting' && (
            <Button
              type="primary"
              size="small"
              loading={pickingUp}
              onClick={onPickUp}
              data-testid="pick-up-selected"
            >
              {t('liveChat.pickUp')}
            </Button>
          )}
          {state === 'active' && mine && (
            <Button
              size="small"
              icon={<SwapOutlined />}
              onClick={() => setTransferring(true)}
              data-testid="transfer-chat"
            >
              {t('liveChat.transfer')}
            </Button>
          )}
          {state !== 'ended' && (mine || state === 'waiting') && (
            <Popconfirm
              title={t('liveChat.endConfirm')}
              description={t('liveChat.endConfirmHint')}
              okText={t('liveChat.end')}
              okButtonProps={{ danger: true, 'data-testid': 'end-chat-confirm' } as ButtonProps}
              onConfirm={() =>
                onEnd().then(
                  () => void message.success(t('liveChat.ended')),
                  () => undefined,
                )
              }
            >
              <Button size="small" danger icon={<StopOutlined />} loading={ending} data-testid="end-chat">
                {t('liveChat.end')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      }
    >
      <ChatThread ticket={ticket} chat={chat} />
      <TypingLine typing={state === 'ended' ? undefined : typing} />
      <div style={{ borderTop: `1px solid ${token.colorBorderSecondary}`, paddingTop: 12 }}>
        {state === 'active' && mine ? (
          <ChatComposer key={ticket.id} ticket={ticket} />
        ) : state === 'waiting' ? (
          <Typography.Text type="secondary">{t('liveChat.waitingHint')}</Typography.Text>
        ) : state === 'active' ? (
          <Typography.Text type="secondary">
            {t('liveChat.othersChat', { name: chat?.pickedUpBy?.name ?? chat?.assignee?.name ?? '' })}
          </Typography.Text>
        ) : (
          <Flex gap={8} align="center" wrap>
            <Typography.Text type="secondary">{t('liveChat.endedHint')}</Typography.Text>
            {ticket.satisfaction && <SatisfactionRating rating={ticket.satisfaction} />}
          </Flex>
        )}
      </div>
      <TransferTicketModal ticket={ticket} open={transferring} onClose={() => setTransferring(false)} />
    </Card>
  );
}
