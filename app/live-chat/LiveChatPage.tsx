import { type LiveChat, useEndChat, useLiveChats, usePickUpChat } from '@app/api/live-chats';
import { isApiProblem } from '@app/api/problem';
import { useTicket } from '@app/api/tickets';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { problemMessage } from '@app/i18n/problem-message';
import { useSession } from '@app/session/use-session';
import { useQueryClient } from '@tanstack/react-query';
import { App, Card, Col, Empty, Row, Skeleton } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ChatConversation } from './ChatConversation';
import { ChatList } from './ChatList';
import { DesktopNotificationButton } from './DesktopNotificationButton';
import { followLiveChats } from './live-chat-refresher';
import { type CustomerTyping, useCustomerTyping } from './use-customer-typing';
import { useMarkChatRead } from './use-mark-chat-read';
import { VisitorPanel } from './VisitorPanel';

const COLUMN_HEIGHT = 'calc(100vh - 190px)';

const isMine = (chat: LiveChat, userId: string) =>
  chat.pickedUpBy?.id === userId || (chat.pickedUpBy === null && chat.assignee?.id === userId);

function SelectedChat({
  ticketId,
  chat,
  mine,
  typing,
  pickingUp,
  onPickUp,
}: {
  ticketId: string;
  chat: LiveChat | undefined;
  mine: boolean;
  typing: CustomerTyping | undefined;
  pickingUp: boolean;
  onPickUp: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ticket = useTicket(ticketId);
  const endChat = useEndChat();
  useMarkChatRead(chat, mine);

  if (ticket.isError && !ticket.data)
    return <LoadFailed error={ticket.error} onRetry={() => void ticket.refetch()} />;
  if (!ticket.data) return <Skeleton active paragraph={{ rows: 8 }} />;

  return (
    <Row gutter={12} style={{ height: '100%' }}>
      <Col xs={24} lg={15} style={{ height: COLUMN_HEIGHT, minHeight: 480 }}>
        <ChatConversation
          ticket={ticket.data}
          chat={chat}
          mine={mine}
          typing={typing}
          pickingUp={pickingUp}
          onPickUp={onPickUp}
          ending={endChat.isPending}
          onEnd={() =>
            endChat.mutateAsync(ticketId).catch((error: unknown) => {
              void message.error(problemMessage(t, error));
              throw error;
            })
          }
        />
      </Col>
      <Col xs={24} lg={9} style={{ height: COLUMN_HEIGHT, minHeight: 480, overflow: 'auto' }}>
        <VisitorPanel chat={chat} ticket={ticket.data} />
      </Col>
    </Row>
  );
}

/**
 * 在线会话: web chats as they come in. Left, the chats waiting for anyone and the agent's own; middle, the chosen
 * conversation; right, who the visitor is. Several chats run at once, each keeping its draft.
 */
export function LiveChatPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const chats = useLiveChats();
  const pickUp = usePickUpChat();
  const typing = useCustomerTyping();
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = searchParams.get('chat');

  useEffect(() => followLiveChats(queryClient), [queryClient]);

  const { waiting, mine, others } = useMemo(() => {
    const all = chats.data ?? [];
    const byWait = (a: LiveChat, b: LiveChat) => a.waitingSince.localeCompare(b.waitingSince);
    return {
      waiting: all.filter((chat) => chat.state === 'waiting').sort(byWait),
      mine: all.filter((chat) => chat.state === 'active' && isMine(chat, user.id)),
      others: all.filter((chat) => chat.state === 'active' && !isMine(chat, user.id)),
    };
  }, [chats.data, user.id]);
  const selected = chats.data?.find((chat) => chat.ticketId === selectedId);

  const select = (ticketId: string) =>
    setSearchParams((params) => {
      params.set('chat', ticketId);
      return params;
    });

  // Opening the page goes straight to the agent's first chat.
  const [firstMine] = mine;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when nothing is chosen yet.
  useEffect(() => {
    if (!selectedId && firstMine) select(firstMine.ticketId);
  }, [selectedId, firstMine]);

  const pickUpChat = (ticketId: string) => {
    pickUp.mutate(ticketId, {
      onSuccess: () => select(ticketId),
      onError: (error) => {
        if (isApiProblem(error) && error.code === 'chat_taken') void message.warning(t('liveChat.taken'));
        else void message.error(problemMessage(t, error));
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t('liveChat.title')}
        description={t('liveChat.intro')}
        extra={<DesktopNotificationButton />}
      />
      {chats.isError && !chats.data ? (
        <LoadFailed error={chats.error} onRetry={() => void chats.refetch()} />
      ) : (
        <Row gutter={12}>
          <Col xs={24} md={8} xl={6} style={{ height: COLUMN_HEIGHT, minHeight: 480 }}>
            {chats.isPending ? (
              <Card size="small">
                <Skeleton active />
              </Card>
            ) : (
              <ChatList
                waiting={waiting}
                mine={mine}
                others={others}
                selectedId={selectedId}
                typing={typing}
                pickingUpId={pickUp.isPending ? (pickUp.variables ?? null) : null}
                onSelect={select}
                onPickUp={pickUpChat}
              />
            )}
          </Col>
          <Col xs={24} md={16} xl={18}>
            {selectedId && chats.data ? (
              <SelectedChat
                key={selectedId}
                ticketId={selectedId}
                chat={selected}
                mine={selected ? isMine(selected, user.id) : false}
                typing={typing.get(selectedId)}
                pickingUp={pickUp.isPending && pickUp.variables === selectedId}
                onPickUp={() => pickUpChat(selectedId)}
              />
            ) : (
              <Card style={{ height: COLUMN_HEIGHT, minHeight: 480 }}>
                <Empty description={t('liveChat.chooseChat')} style={{ marginTop: 120 }} />
              </Card>
            )}
          </Col>
        </Row>
      )}
    </>
  );
}
