import { ThunderboltOutlined } from '@ant-design/icons';
import type { QuickReply } from '@app/api/quick-replies';
import { Button, Empty, Flex, Input, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

function ReplyOption({ reply, onPick }: { reply: QuickReply; onPick: () => void }) {
  return (
    <Button
      type="text"
      block
      onClick={onPick}
      data-testid="quick-reply-option"
      style={{ height: 'auto', textAlign: 'start', whiteSpace: 'normal', padding: '4px 8px' }}
    >
      <Flex vertical style={{ width: '100%' }}>
        <Flex justify="space-between" gap={8}>
          <Typography.Text strong>{reply.title}</Typography.Text>
          {reply.shortcut && <Typography.Text type="secondary">/{reply.shortcut}</Typography.Text>}
        </Flex>
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
          {reply.body}
        </Typography.Text>
      </Flex>
    </Button>
  );
}

/** The ⚡ button beside the composer: every quick reply, searchable by title, text or shortcut. */
export function QuickReplyPicker({
  replies,
  onPick,
}: {
  replies: QuickReply[];
  onPick: (body: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? replies.filter((reply) =>
        [reply.title, reply.body, reply.shortcut ?? ''].some((text) => text.toLowerCase().includes(needle)),
      )
    : replies;

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="topLeft"
      destroyOnHidden
      content={
        <Flex vertical gap={8} style={{ width: 340 }}>
          <Input.Search
            autoFocus
            allowClear
            size="small"
            placeholder={t('liveChat.quickReplies.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <Flex vertical style={{ maxHeight: 320, overflow: 'auto' }}>
            {shown.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('liveChat.quickReplies.none')} />
            ) : (
              shown.map((reply) => (
                <ReplyOption
                  key={reply.id}
                  reply={reply}
                  onPick={() => {
                    onPick(reply.body);
                    setOpen(false);
                    setSearch('');
                  }}
                />
              ))
            )}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('liveChat.quickReplies.hint')}
          </Typography.Text>
        </Flex>
      }
    >
      <Button icon={<ThunderboltOutlined />} data-testid="quick-replies-open">
        {t('liveChat.quickReplies.button')}
      </Button>
    </Popover>
  );
}

/** Shown above the composer while `/…` is typed: the matching replies; Tab or Enter takes the first. */
export function ShortcutSuggestions({
  matches,
  onPick,
}: {
  matches: QuickReply[];
  onPick: (body: string) => void;
}) {
  if (matches.length === 0) return null;
  return (
    <Flex vertical data-testid="quick-reply-suggestions" style={{ maxHeight: 200, overflow: 'auto' }}>
      {matches.slice(0, 6).map((reply) => (
        <ReplyOption key={reply.id} reply={reply} onPick={() => onPick(reply.body)} />
      ))}
    </Flex>
  );
}
