import { PlusOutlined } from '@ant-design/icons';
import { useApiTokens, useRevokeApiToken } from '@app/api/api-tokens';
import type { ApiToken } from '@app/api/types';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useFormatDateTime } from '@app/components/use-format-date';
import { permissionLabel } from '@app/i18n/permission-labels';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan } from '@app/session/use-session';
import { App, Button, Flex, Popconfirm, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateApiTokenModal } from './CreateApiTokenModal';

type TokenStatus = 'active' | 'expired' | 'revoked';

function statusOf(token: ApiToken): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now()) return 'expired';
  return 'active';
}

const STATUS_COLORS: Record<TokenStatus, string | undefined> = {
  active: 'green',
  expired: 'orange',
  revoked: undefined,
};

export function ApiTokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const formatDateTime = useFormatDateTime();
  const tokens = useApiTokens();
  const revokeToken = useRevokeApiToken();
  const [creating, setCreating] = useState(false);

  const statusLabels: Record<TokenStatus, string> = {
    active: t('apiTokens.statusActive'),
    expired: t('apiTokens.statusExpired'),
    revoked: t('apiTokens.statusRevoked'),
  };

  const revoke = (token: ApiToken) =>
    revokeToken.mutateAsync(token.id).then(
      () => void message.success(t('apiTokens.revoked', { name: token.name })),
      (error: unknown) => void message.error(problemMessage(t, error)),
    );

  const columns: TableColumnsType<ApiToken> = [
    {
      title: t('apiTokens.name'),
      dataIndex: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('apiTokens.prefix'),
      dataIndex: 'prefix',
      render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
    },
    {
      title: t('apiTokens.scopes'),
      dataIndex: 'scopes',
      render: (scopes: string[]) => (
        <Flex gap={4} wrap style={{ maxWidth: 360 }}>
          {scopes.map((scope) => (
            <Tooltip key={scope} title={scope}>
              <Tag>{permissionLabel(t, scope)}</Tag>
            </Tooltip>
          ))}
        </Flex>
      ),
    },
    {
      title: t('apiTokens.status'),
      key: 'status',
      render: (_value, token) => {
        const status = statusOf(token);
        return <Tag color={STATUS_COLORS[status]}>{statusLabels[status]}</Tag>;
      },
    },
    {
      title: t('apiTokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      render: (iso: string | null) => formatDateTime(iso, t('common.never')),
    },
    {
      title: t('apiTokens.expires'),
      dataIndex: 'expiresAt',
      render: (iso: string | null) => formatDateTime(iso, t('apiTokens.noExpiry')),
    },
    { title: t('apiTokens.createdAt'), dataIndex: 'createdAt', render: (iso: string) => formatDateTime(iso) },
  ];
  if (can('api_tokens:revoke')) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_value, token) =>
        token.revokedAt ? null : (
          <Popconfirm
            title={t('apiTokens.revokeConfirm', { name: token.name })}
            okText={t('apiTokens.revoke')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke(token)}
          >
            <Button type="link" size="small" danger>
              {t('apiTokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('apiTokens.title')}
        description={t('apiTokens.intro')}
        extra={
          can('api_tokens:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('apiTokens.create')}
            </Button>
          )
        }
      />
      {tokens.isError && !tokens.data ? (
        <LoadFailed error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          columns={columns}
          dataSource={tokens.data ?? []}
          loading={tokens.isPending}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('apiTokens.empty') }}
          scroll={{ x: 'max-content' }}
        />
      )}
      <CreateApiTokenModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
