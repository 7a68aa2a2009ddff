import { PlusOutlined } from '@ant-design/icons';
import { type Incident, useIncidents } from '@app/api/incidents';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useFormatDateTime } from '@app/components/use-format-date';
import { useCan } from '@app/session/use-session';
import { Button, Table, type TableColumnsType, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { IncidentStatusTag } from './IncidentStatusTag';
import { OpenIncidentModal } from './OpenIncidentModal';

/** 紧急事件: surges of the same complaint (an outage), open ones first, each gathering its tickets. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const formatDateTime = useFormatDateTime();
  const incidents = useIncidents();
  const [opening, setOpening] = useState(false);

  const columns: TableColumnsType<Incident> = [
    {
      title: t('incidents.columns.title'),
      dataIndex: 'title',
      render: (title: string, incident) => (
        <Link to={`/incidents/${incident.id}`} style={{ fontWeight: 500 }}>
          {title}
        </Link>
      ),
    },
    {
      title: t('incidents.columns.status'),
      dataIndex: 'status',
      render: (status: Incident['status']) => <IncidentStatusTag status={status} />,
    },
    {
      title: t('incidents.columns.tickets'),
      dataIndex: 'ticketCount',
      align: 'right',
    },
    {
      title: t('incidents.columns.holding'),
      key: 'holding',
      render: (_value, incident) =>
        incident.holdingReplyAt ? (
          t('incidents.detail.sentCount', { sent: incident.holdingSentCount, total: incident.ticketCount })
        ) : (
          <Typography.Text type={incident.status === 'open' ? 'warning' : 'secondary'}>
            {t('incidents.detail.notYet')}
          </Typography.Text>
        ),
    },
    {
      title: t('incidents.columns.openedAt'),
      dataIndex: 'openedAt',
      render: (iso: string, incident) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(iso)}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
            {incident.openedBy?.name ?? t('incidents.automatic')}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('incidents.columns.resolvedAt'),
      dataIndex: 'resolvedAt',
      render: (iso: string | null) =>
        iso ? <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(iso)}</span> : t('common.none'),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        description={t('incidents.intro')}
        extra={
          can('incidents:manage') && (
            <Button icon={<PlusOutlined />} onClick={() => setOpening(true)}>
              {t('incidents.open.action')}
            </Button>
          )
        }
      />
      {incidents.isError && !incidents.data ? (
        <LoadFailed error={incidents.error} onRetry={() => void incidents.refetch()} />
      ) : (
        <Table<Incident>
          rowKey="id"
          columns={columns}
          dataSource={incidents.data ?? []}
          loading={incidents.isPending}
          pagination={false}
          locale={{ emptyText: t('incidents.empty') }}
          scroll={{ x: 'max-content' }}
          onRow={(incident) =>
            ({ 'data-testid': 'incident-row', 'data-status': incident.status }) as HTMLAttributes<HTMLElement>
          }
        />
      )}
      <OpenIncidentModal
        open={opening}
        onOpened={(incident) => {
          setOpening(false);
          navigate(`/incidents/${incident.id}`);
        }}
        onClose={() => setOpening(false)}
      />
    </>
  );
}
