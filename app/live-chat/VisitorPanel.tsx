import { CheckCircleFilled, LinkOutlined } from '@ant-design/icons';
import type { LiveChat } from '@app/api/live-chats';
import type { TicketDetail } from '@app/api/types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { useCan } from '@app/session/use-session';
import { CustomerPanel } from '@app/tickets/detail/CustomerPanel';
import { useTicketEditor } from '@app/tickets/detail/use-ticket-editor';
import { Card, Descriptions, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeUserAgent } from './chat-labels';

type Page = { url: string; title: string; at: string };

function PageLink({ page }: { page: Page }) {
  // Only http(s) addresses become links: the visitor's browser reported them, so they are not trusted.
  const safe = /^https?:\/\//i.test(page.url);
  const text = page.title || page.url;
  return safe ? (
    <Typography.Link
      href={page.url}
      target="_blank"
      rel="noopener noreferrer"
      ellipsis
      style={{ maxWidth: '100%' }}
    >
      {text} <LinkOutlined />
    </Typography.Link>
  ) : (
    <Typography.Text ellipsis>{text}</Typography.Text>
  );
}

/** Where the visitor is and has been on the host site, their browser and language, and whether the site vouched for them. */
function VisitorCard({ visitor }: { visitor: NonNullable<LiveChat['visitor']> }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const pages = [...visitor.pagesSeen].reverse();

  return (
    <Card size="small" title={t('liveChat.visitor.title')}>
      <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 80 } }}>
        <Descriptions.Item label={t('liveChat.visitor.identity')}>
          {visitor.identified ? (
            <Tag color="green" icon={<CheckCircleFilled />} data-testid="visitor-identified">
              {t('liveChat.visitor.identified')}
            </Tag>
          ) : (
            <Tag>{t('liveChat.visitor.anonymous')}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('liveChat.visitor.currentPage')}>
          {visitor.currentPage ? <PageLink page={visitor.currentPage} /> : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('liveChat.visitor.locale')}>
          {visitor.locale || t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('liveChat.visitor.browser')}>
          <Typography.Text title={visitor.userAgent}>
            {describeUserAgent(visitor.userAgent) || t('common.none')}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('liveChat.visitor.pagesSeen', { count: pages.length })}
      </Typography.Text>
      <List
        size="small"
        dataSource={pages.slice(0, 20)}
        locale={{ emptyText: t('liveChat.visitor.noPages') }}
        renderItem={(page) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Flex vertical style={{ minWidth: 0, width: '100%' }}>
              <PageLink page={page} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(page.at)}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The right column: the visitor's context and the customer behind the chat with their other tickets. */
export function VisitorPanel({ chat, ticket }: { chat: LiveChat | undefined; ticket: TicketDetail }) {
  const can = useCan();
  const { save } = useTicketEditor(ticket.id);
  return (
    <Flex vertical gap={12} data-testid="visitor-panel">
      {chat?.visitor && <VisitorCard visitor={chat.visitor} />}
      <CustomerPanel ticket={ticket} save={save} editable={can('tickets:update')} />
    </Flex>
  );
}
