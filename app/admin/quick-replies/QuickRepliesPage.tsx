import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type QuickReply,
  useDeleteQuickReply,
  useQuickReplies,
  useReorderQuickReplies,
} from '@app/api/quick-replies';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan } from '@app/session/use-session';
import { App, Button, Flex, Popconfirm, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type QuickReplyEditTarget, QuickReplyFormModal } from './QuickReplyFormModal';

/** 快捷回复: the canned texts of the chat composer, in the order agents see them. */
export function QuickRepliesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const replies = useQuickReplies();
  const reorder = useReorderQuickReplies();
  const remove = useDeleteQuickReply();
  const [editTarget, setEditTarget] = useState<QuickReplyEditTarget>(null);
  const canManage = can('quick_replies:manage');
  const rows = replies.data ?? [];

  const move = (index: number, offset: -1 | 1) => {
    const ids = rows.map((row) => row.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + offset, 0, moved);
    reorder.mutate(ids, { onError: (error) => void message.error(problemMessage(t, error)) });
  };

  const removeRow = (reply: QuickReply) =>
    remove.mutateAsync(reply.id).then(
      () => void message.success(t('quickReplies.deleted', { title: reply.title })),
      (error: unknown) => void message.error(problemMessage(t, error)),
    );

  const columns: TableColumnsType<QuickReply> = [
    {
      title: t('quickReplies.fields.order'),
      key: 'order',
      width: 110,
      render: (_value, _row, index) => (
        <Flex align="center" gap={4}>
          <Typography.Text type="secondary" style={{ width: 20 }}>
            {index + 1}
          </Typography.Text>
          {canManage && (
            <>
              <Button
                type="text"
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={index === 0 || reorder.isPending}
                aria-label={t('quickReplies.moveUp')}
                onClick={() => move(index, -1)}
              />
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={index === rows.length - 1 || reorder.isPending}
                aria-label={t('quickReplies.moveDown')}
                onClick={() => move(index, 1)}
              />
            </>
          )}
        </Flex>
      ),
    },
    {
      title: t('quickReplies.fields.title'),
      dataIndex: 'title',
      width: 180,
      render: (title: string) => <Typography.Text strong>{title}</Typography.Text>,
    },
    {
      title: t('quickReplies.fields.shortcut'),
      dataIndex: 'shortcut',
      width: 120,
      render: (shortcut: string | null) =>
        shortcut ? <Typography.Text code>/{shortcut}</Typography.Text> : t('common.none'),
    },
    {
      title: t('quickReplies.fields.body'),
      dataIndex: 'body',
      render: (body: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: body }} style={{ marginBottom: 0 }}>
          {body}
        </Typography.Paragraph>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_value, reply) => (
        <Flex gap={4}>
          <Button type="link" size="small" onClick={() => setEditTarget(reply)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('quickReplies.deleteConfirm', { title: reply.title })}
            okButtonProps={{ danger: true }}
            okText={t('common.delete')}
            onConfirm={() => removeRow(reply)}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('quickReplies.title')}
        description={t('quickReplies.intro')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditTarget('new')}
              data-testid="quick-reply-create"
            >
              {t('quickReplies.create')}
            </Button>
          )
        }
      />
      {replies.isError && !replies.data ? (
        <LoadFailed error={replies.error} onRetry={() => void replies.refetch()} />
      ) : (
        <Table<QuickReply>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={replies.isPending}
          pagination={false}
          locale={{ emptyText: t('quickReplies.empty') }}
          scroll={{ x: 'max-content' }}
          data-testid="quick-replies-table"
        />
      )}
      <QuickReplyFormModal target={editTarget} onClose={() => setEditTarget(null)} />
    </>
  );
}
