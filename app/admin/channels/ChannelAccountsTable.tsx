import { useRotateChannelSecret, useUpdateChannelAccount } from '@app/api/channel-accounts';
import type { ChannelAccount, ChannelAccountWithSecret } from '@app/api/types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan } from '@app/session/use-session';
import { ChannelIcon } from '@app/tickets/channel-icon';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { App, Button, Flex, Popconfirm, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { inboundUrls } from './inbound-urls';

function AccountStats({ stats }: { stats: ChannelAccount['stats'] }) {
  const { t } = useTranslation();
  return (
    <Flex vertical style={{ fontSize: 12 }}>
      <span>{t('channelAccounts.statsReceived', { count: stats.received })}</span>
      <Typography.Text type={stats.deliveriesPending > 0 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
        {t('channelAccounts.statsPending', { count: stats.deliveriesPending })}
      </Typography.Text>
      <Typography.Text type={stats.deliveriesFailed > 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {t('channelAccounts.statsFailed', { count: stats.deliveriesFailed })}
      </Typography.Text>
    </Flex>
  );
}

/** The workspace's channel accounts; who may manage them switches, edits and rotates secrets right here. */
export function ChannelAccountsTable({
  accounts,
  loading,
  onEdit,
  onSecret,
}: {
  accounts: ChannelAccount[];
  loading: boolean;
  onEdit: (account: ChannelAccount) => void;
  /** A rotation's new secret, to be shown once. */
  onSecret: (result: ChannelAccountWithSecret) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const labels = useTicketLabels();
  const formatDateTime = useFormatDateTime();
  const updateAccount = useUpdateChannelAccount();
  const rotateSecret = useRotateChannelSecret();
  const canManage = can('channels:manage');

  const setEnabled = (account: ChannelAccount, enabled: boolean) =>
    updateAccount.mutateAsync({ accountId: account.id, changes: { enabled } }).then(
      (updated) =>
        void message.success(
          t(enabled ? 'channelAccounts.enabledDone' : 'channelAccounts.disabledDone', { name: updated.name }),
        ),
      (error: unknown) => void message.error(problemMessage(t, error)),
    );

  const rotate = (account: ChannelAccount) =>
    rotateSecret.mutateAsync(account.id).then(onSecret, (error: unknown) => {
      void message.error(problemMessage(t, error));
    });

  const switching = (account: ChannelAccount) =>
    updateAccount.isPending && updateAccount.variables?.accountId === account.id;

  const columns: TableColumnsType<ChannelAccount> = [
    {
      title: t('channelAccounts.name'),
      dataIndex: 'name',
      render: (name: string) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('channelAccounts.kindApi')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('channelAccounts.platform'),
      dataIndex: 'platform',
      render: (platform: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <ChannelIcon channel={platform} /> {labels.channel(platform)}
        </span>
      ),
    },
    {
      title: t('channelAccounts.status'),
      dataIndex: 'enabled',
      render: (enabled: boolean, account) =>
        canManage ? (
          // Turning a channel off refuses its connector's messages, so that asks first; turning it on does not.
          <Popconfirm
            title={t('channelAccounts.disableConfirm', { name: account.name })}
            description={t('channelAccounts.disableHint')}
            okButtonProps={{ danger: true }}
            disabled={!enabled}
            onConfirm={() => setEnabled(account, false)}
          >
            <Switch
              checked={enabled}
              loading={switching(account)}
              checkedChildren={t('channelAccounts.enabled')}
              unCheckedChildren={t('channelAccounts.disabled')}
              onChange={(checked) => {
                if (checked) void setEnabled(account, true);
              }}
              aria-label={t('channelAccounts.status')}
              data-testid="channel-enabled"
            />
          </Popconfirm>
        ) : (
          <Tag color={enabled ? 'green' : undefined}>
            {enabled ? t('channelAccounts.enabled') : t('channelAccounts.disabled')}
          </Tag>
        ),
    },
    {
      title: t('channelAccounts.inboundUrl'),
      dataIndex: 'inboundPath',
      render: (_path: string, account) => {
        const url = inboundUrls(account).single;
        return (
          <Typography.Text
            code
            copyable={{ text: url, tooltips: [t('common.copy'), t('common.copied')] }}
            ellipsis={{ tooltip: url }}
            style={{ maxWidth: 200 }}
          >
            {url}
          </Typography.Text>
        );
      },
    },
    {
      title: t('channelAccounts.replies'),
      dataIndex: 'callbackUrl',
      render: (url: string | null, account) => (
        <Flex vertical>
          {url ? (
            <Typography.Text ellipsis={{ tooltip: url }} style={{ maxWidth: 200 }}>
              {url}
            </Typography.Text>
          ) : (
            <Typography.Text type="warning">{t('channelAccounts.noCallback')}</Typography.Text>
          )}
          {url && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('channelAccounts.rateLimitValue', { count: account.rateLimitPerSecond })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('channelAccounts.secret'),
      dataIndex: 'secretHint',
      render: (hint: string, account) => {
        const previousValid =
          account.previousSecretValidUntil !== null &&
          new Date(account.previousSecretValidUntil).getTime() > Date.now();
        return (
          <Flex vertical style={{ maxWidth: 200 }}>
            <span style={{ whiteSpace: 'nowrap' }}>{t('channelAccounts.secretHint', { hint })}</span>
            {previousValid && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('channelAccounts.previousSecretValid', {
                  time: formatDateTime(account.previousSecretValidUntil),
                })}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('channelAccounts.stats'),
      dataIndex: 'stats',
      render: (stats: ChannelAccount['stats']) => <AccountStats stats={stats} />,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_value, account) => (
        <Flex gap={4}>
          <Button type="link" size="small" onClick={() => onEdit(account)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('channelAccounts.rotateConfirm', { name: account.name })}
            description={t('channelAccounts.rotateHint')}
            okText={t('channelAccounts.rotate')}
            onConfirm={() => rotate(account)}
          >
            <Button type="link" size="small" data-testid="rotate-secret">
              {t('channelAccounts.rotate')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    });
  }

  return (
    <Table<ChannelAccount>
      rowKey="id"
      columns={columns}
      dataSource={accounts}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('channelAccounts.empty') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
