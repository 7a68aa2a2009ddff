import type { LiveChat } from '@app/api/live-chats';
import { useNow } from '@app/components/use-now';
import { Badge, Button, Card, Empty, Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chatTitle, elapsedText } from './chat-labels';
import type { CustomerTyping } from './use-customer-typing';

interface ChatListProps {
  waiting: LiveChat[];
  mine: LiveChat[];
  others: LiveChat[];
  selectedId: string | null;
  typing: ReadonlyMap<string, CustomerTyping>;
  pickingUpId: string | null;
  onSelect: (ticketId: string) => void;
  onPickUp: (ticketId: string) => void;
}

function ChatItem({
  chat,
  selected,
  typing,
  action,
  onSelect,
}: {
  chat: LiveChat;
  selected: boolean;
  typing: boolean;
  action?: ReactNode;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const now = useNow();
  const since = chat.state === 'waiting' ? chat.waitingSince : (chat.lastMessage?.at ?? chat.waitingSince);

  return (
    <div
      data-testid="live-chat-item"
      data-ticket-id={chat.ticketId}
      data-state={chat.state}
      style={{
        display: 'flex',
        alignItems: 'flex-end',
        gap: 8,
        padding: '8px 10px',
        borderRadius: token.borderRadius,
        background: selected ? token.colorPrimaryBg : undefined,
        borderInlineStart: `3px solid ${chat.state === 'waiting' ? token.colorWarning : selected ? token.colorPrimary : 'transparent'}`,
      }}
    >
      <button
        type="button"
        aria-current={selected}
        onClick={onSelect}
        style={{
          all: 'unset',
          flex: 1,
          minWidth: 0,
          cursor: 'pointer',
          display: 'flex',
          flexDirection: 'column',
        }}
      >
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
            {chatTitle(t, chat)}
          </Typography.Text>
          <Flex gap={6} align="center" style={{ flexShrink: 0 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {chat.state === 'waiting'
                ? t('liveChat.list.waitingFor', { time: elapsedText(t, since, now) })
                : elapsedText(t, since, now)}
            </Typography.Text>
            <Badge count={chat.unread} size="small" data-testid="live-chat-unread" />
          </Flex>
        </Flex>
        <Typography.Text
          type="secondary"
          ellipsis
          style={{ display: 'block', fontSize: 12, fontStyle: typing ? 'italic' : undefined }}
        >
          {typing
            ? t('liveChat.typing.short')
            : chat.lastMessage
              ? `${chat.lastMessage.direction === 'outbound' ? t('liveChat.list.you') : ''}${chat.lastMessage.text}`
              : t('liveChat.list.noMessages')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {chat.ticketNumber}
          {chat.pickedUpBy && chat.state === 'active' ? ` · ${chat.pickedUpBy.name}` : ''}
        </Typography.Text>
      </button>
      {action}
    </div>
  );
}

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary" style={{ fontSize: 12, padding: '0 4px' }}>
        {title} · {count}
      </Typography.Text>
      {children}
    </Flex>
  );
}

/** The left column: chats waiting for anyone (with 接入), the agent's own, and colleagues' for supervisors. */
export function ChatList({
  waiting,
  mine,
  others,
  selectedId,
  typing,
  pickingUpId,
  onSelect,
  onPickUp,
}: ChatListProps) {
  const { t } = useTranslation();
  const item = (chat: LiveChat, action?: ReactNode) => (
    <ChatItem
      key={chat.ticketId}
      chat={chat}
      selected={chat.ticketId === selectedId}
      typing={typing.has(chat.ticketId)}
      action={action}
      onSelect={() => onSelect(chat.ticketId)}
    />
  );

  return (
    <Card size="small" styles={{ body: { padding: 8 } }} style={{ height: '100%', overflow: 'auto' }}>
      <Flex vertical gap={16} data-testid="live-chat-list">
        <Section title={t('liveChat.list.waiting')} count={waiting.length}>
          {waiting.length === 0 ? (
            <Typography.Text type="secondary" style={{ padding: '0 4px', fontSize: 12 }}>
              {t('liveChat.list.noneWaiting')}
            </Typography.Text>
          ) : (
            waiting.map((chat) =>
              item(
                chat,
                <Button
                  type="primary"
                  size="small"
                  data-testid="pick-up"
                  loading={pickingUpId === chat.ticketId}
                  onClick={() => onPickUp(chat.ticketId)}
                >
                  {t('liveChat.pickUp')}
                </Button>,
              ),
            )
          )}
        </Section>
        <Section title={t('liveChat.list.mine')} count={mine.length}>
          {mine.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('liveChat.list.noneMine')} />
          ) : (
            mine.map((chat) => item(chat))
          )}
        </Section>
        {others.length > 0 && (
          <Section title={t('liveChat.list.others')} count={others.length}>
            {others.map((chat) => item(chat))}
          </Section>
        )}
      </Flex>
    </Card>
  );
}
