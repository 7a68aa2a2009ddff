import { type ImapStatus, type Mailbox, useUpdateMailbox } from '@app/api/mailboxes';
import { useFormatDateTime } from '@app/components/use-format-date';
import { problemMessage } from '@app/i18n/problem-message';
import {
  App,
  Badge,
  type BadgeProps,
  Button,
  Flex,
  Popconfirm,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { bodyOf, formOf } from './mailbox-form';

const STATUS_BADGES: Record<ImapStatus, BadgeProps['status']> = {
  off: 'default',
  connecting: 'processing',
  idle: 'success',
  error: 'error',
};

/** How mail reaches the mailbox: Kefu's SMTP listener, IMAP with the poller's state, or (a warning) neither. */
function Incoming({ mailbox }: { mailbox: Mailbox }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const { imap } = mailbox;
  if (!mailbox.smtpInbound && !imap)
    return <Typography.Text type="warning">{t('mailboxes.noIncoming')}</Typography.Text>;
  return (
    <Flex vertical gap={2} style={{ maxWidth: 320 }}>
      {mailbox.smtpInbound && (
        <span>
          <Tag style={{ marginInlineEnd: 0 }}>{t('mailboxes.listener')}</Tag>
        </span>
      )}
      {imap && (
        <Flex vertical data-testid="mailbox-imap">
          <Flex gap={8} align="center" wrap>
            <span>
              IMAP {imap.host}:{imap.port}
            </span>
            <Badge status={STATUS_BADGES[imap.status]} text={t(`mailboxes.imapStatus.${imap.status}`)} />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {imap.user} · {imap.folder}
            {imap.checkedAt && ` · ${t('mailboxes.checkedAt', { time: formatDateTime(imap.checkedAt) })}`}
          </Typography.Text>
          {imap.status === 'error' && imap.error && (
            <Typography.Text type="danger" style={{ fontSize: 12 }} ellipsis={{ tooltip: imap.error }}>
              {imap.error}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Flex>
  );
}

/** The workspace's mailboxes; who may manage them switches and edits them right here. */
export function MailboxesTable({
  mailboxes,
  loading,
  canManage,
  onEdit,
}: {
  mailboxes: Mailbox[];
  loading: boolean;
  canManage: boolean;
  onEdit: (mailbox: Mailbox) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateMailbox();

  // The mailbox's own settings go along: a PATCH is read as a whole mailbox, not a patch of it.
  const setEnabled = (mailbox: Mailbox, enabled: boolean) =>
    update.mutateAsync({ mailboxId: mailbox.id, changes: { ...bodyOf(formOf(mailbox)), enabled } }).then(
      (saved) =>
        void message.success(
          t(enabled ? 'mailboxes.enabledDone' : 'mailboxes.disabledDone', { address: saved.address }),
        ),
      (error: unknown) => void message.error(problemMessage(t, error)),
    );
  const switching = (mailbox: Mailbox) => update.isPending && update.variables?.mailboxId === mailbox.id;

  const columns: TableColumnsType<Mailbox> = [
    {
      title: t('mailboxes.address'),
      dataIndex: 'address',
      render: (address: string, mailbox) => (
        <Flex vertical>
          <Typography.Text strong data-testid="mailbox-address-cell">
            {address}
          </Typography.Text>
          {mailbox.displayName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {mailbox.displayName}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('mailboxes.status'),
      dataIndex: 'enabled',
      render: (enabled: boolean, mailbox) =>
        canManage ? (
          // Turning a mailbox off refuses its mail, so that asks first; turning it on does not.
          <Popconfirm
            title={t('mailboxes.disableConfirm', { address: mailbox.address })}
            description={t('mailboxes.disableHint')}
            okButtonProps={{ danger: true }}
            disabled={!enabled}
            onConfirm={() => setEnabled(mailbox, false)}
          >
            <Switch
              checked={enabled}
              loading={switching(mailbox)}
              checkedChildren={t('mailboxes.enabled')}
              unCheckedChildren={t('mailboxes.disabled')}
              onChange={(checked) => {
                if (checked) void setEnabled(mailbox, true);
              }}
              aria-label={t('mailboxes.status')}
              data-testid="mailbox-enabled"
            />
          </Popconfirm>
        ) : (
          <Tag color={enabled ? 'green' : undefined}>
            {enabled ? t('mailboxes.enabled') : t('mailboxes.disabled')}
          </Tag>
        ),
    },
    {
      title: t('mailboxes.incoming'),
      key: 'incoming',
      render: (_value, mailbox) => <Incoming mailbox={mailbox} />,
    },
    {
      title: t('mailboxes.outgoing'),
      dataIndex: 'smtp',
      render: (smtp: Mailbox['smtp']) =>
        smtp ? (
          <Flex vertical>
            <span>
              {smtp.host}:{smtp.port}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`mailboxes.security.${smtp.security}`)}
              {smtp.user && ` · ${smtp.user}`}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="warning">{t('mailboxes.noOutgoing')}</Typography.Text>
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_value, mailbox) => (
        <Button type="link" size="small" onClick={() => onEdit(mailbox)} data-testid="mailbox-edit">
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <Table<Mailbox>
      rowKey="id"
      columns={columns}
      dataSource={mailboxes}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('mailboxes.empty') }}
      scroll={{ x: 'max-content' }}
      data-testid="mailboxes-table"
    />
  );
}
