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
import { isPlatformKind, PLATFORM_FORMS, webhookUrl } from './platform-fields';
import { TestConnectionButton } from './TestConnectionButton';

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

/** How a platform account replies, and which app / corp / number it is (its first setting, as the console names it). */
function PlatformIdentity({ account }: { account: ChannelAccount }) {
  const { t } = useTranslation();
  if (!isPlatformKind(account.kind)) return null;
  const labels: Record<string, string> = t(`channelAccounts.platforms.fields.${account.kind}`, {
    returnObjects: true,
  });
  const identity = PLATFORM_FORMS[account.kind].fields[0];
  const value = identity ? account.settings[identity.name] : undefined;
  return (
    <Flex vertical>
      <span>{t('channelAccounts.platforms.repliesViaPlatform')}</span>
      {identity && typeof value === 'string' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {labels[identity.name]} {value}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The workspace's channel accounts; who may manage them switches, edits and rotates secrets right here. */
export function ChannelAccountsTable({
  accounts,
  loading,
  onEdit,
  onSecret,
  onSetup,
}: {
  accounts: ChannelAccount[];
  loading: boolean;
  onEdit: (account: ChannelAccount) => void;
  /** A rotation's new secret, to be shown once. */
  onSecret: (result: ChannelAccountWithSecret) => void;
  /** A platform account's webhook URL and where to paste it. */
  onSetup: (account: ChannelAccount) => void;
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
      render: (name: string, account) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {isPlatformKind(account.kind)
              ? t(`channelAccounts.platforms.kinds.${account.kind}`)
              : t('channelAccounts.kindApi')}
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
        const url = account.webhookPath ? webhookUrl(account) : inboundUrls(account).single;
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
      render: (url: string | null, account) =>
        isPlatformKind(account.kind) ? (
          <PlatformIdentity account={account} />
        ) : (
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
        if (isPlatformKind(account.kind)) {
          return account.credentialsSet.length > 0 ? (
            t('channelAccounts.platforms.secretsStored', { count: account.credentialsSet.length })
          ) : (
            <Typography.Text type="warning">{t('channelAccounts.platforms.noSecrets')}</Typography.Text>
          );
        }
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
          {isPlatformKind(account.kind) ? (
            <>
              <Button
                type="link"
                size="small"
                onClick={() => onSetup(account)}
                data-testid="platform-setup-open"
              >
                {t('channelAccounts.platforms.setupButton')}
              </Button>
              <TestConnectionButton accountId={account.id} size="small" />
            </>
          ) : (
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
          )}
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
