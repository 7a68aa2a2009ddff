import { PlusOutlined } from '@ant-design/icons';
import { useOrderedRows } from '@app/admin/ordered-rows';
import {
  type QuickReply,
  useDeleteQuickReply,
  useQuickReplies,
  useReorderQuickReplies,
} from '@app/api/quick-replies';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useCan } from '@app/session/use-session';
import { Button, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type QuickReplyEditTarget, QuickReplyFormModal } from './QuickReplyFormModal';

/** 快捷回复: the canned texts of the chat composer, in the order agents see them. */
export function QuickRepliesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const replies = useQuickReplies();
  const reorder = useReorderQuickReplies();
  const remove = useDeleteQuickReply();
  const [editTarget, setEditTarget] = useState<QuickReplyEditTarget>(null);
  const canManage = can('quick_replies:manage');
  const rows = replies.data ?? [];

  const { orderColumn, manageColumn } = useOrderedRows({
    rows,
    section: 'quickReplies',
    canManage,
    reorder,
    remove,
    nameOf: (reply) => reply.title,
  });

  const columns: TableColumnsType<QuickReply> = [
    orderColumn,
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
  if (canManage) columns.push({ ...manageColumn({ key: 'actions', onEdit: setEditTarget }), width: 140 });

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
