import { ArrowLeftOutlined, CheckOutlined, SoundOutlined } from '@ant-design/icons';
import {
  type IncidentDetail,
  useIncident,
  useResolveIncident,
  useSendHoldingReply,
} from '@app/api/incidents';
import { isApiProblem } from '@app/api/problem';
import { LoadFailed } from '@app/components/LoadFailed';
import { NotFoundResult } from '@app/components/NotFoundResult';
import { PageHeader } from '@app/components/PageHeader';
import { useFormatDateTime } from '@app/components/use-format-date';
import { useCan } from '@app/session/use-session';
import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { BroadcastModal } from './BroadcastModal';
import { IncidentStatusTag } from './IncidentStatusTag';
import { IncidentTicketsTable } from './IncidentTicketsTable';

type Broadcast = 'holding' | 'resolution' | null;

function IncidentView({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const formatDateTime = useFormatDateTime();
  const [broadcast, setBroadcast] = useState<Broadcast>(null);
  const sendHolding = useSendHoldingReply(incident.id);
  const resolve = useResolveIncident(incident.id);
  const open = incident.status === 'open';
  const canManage = can('incidents:manage') && open;
  // Closed tickets are not written to; the ones that had the message already are not written to again.
  const reachable = incident.tickets.filter((ticket) => ticket.status !== 'closed');
  const awaitingHolding = reachable.filter((ticket) => !ticket.holdingSent).length;
  const awaitingResolution = reachable.filter((ticket) => !ticket.resolutionSent).length;
  const someone = (person: IncidentDetail['openedBy']) => person?.name ?? t('incidents.automatic');

  return (
    <>
      <PageHeader
        title={incident.title}
        extra={
          <Flex gap={8} wrap>
            <Link to="/incidents">
              <Button icon={<ArrowLeftOutlined />}>{t('incidents.backToList')}</Button>
            </Link>
            {canManage && (
              <>
                <Button
                  icon={<SoundOutlined />}
                  onClick={() => setBroadcast('holding')}
                  data-testid="incident-holding"
                >
                  {t('incidents.holding.action')}
                </Button>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  onClick={() => setBroadcast('resolution')}
                  data-testid="incident-resolve"
                >
                  {t('incidents.resolve.action')}
                </Button>
              </>
            )}
          </Flex>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('incidents.detail.title')}>
            <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 96 } }}>
              <Descriptions.Item label={t('incidents.columns.status')}>
                <IncidentStatusTag status={incident.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('incidents.columns.openedAt')}>
                {t('incidents.detail.openedBy', {
                  time: formatDateTime(incident.openedAt),
                  who: someone(incident.openedBy),
                })}
              </Descriptions.Item>
              {incident.resolvedAt && (
                <Descriptions.Item label={t('incidents.columns.resolvedAt')}>
                  {t('incidents.detail.openedBy', {
                    time: formatDateTime(incident.resolvedAt),
                    who: someone(incident.resolvedBy),
                  })}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('incidents.detail.signature')}>
                <Flex gap={4} wrap>
                  {incident.signature.map((word) => (
                    <Tag key={word}>{word}</Tag>
                  ))}
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label={t('incidents.columns.tickets')}>
                <span data-testid="incident-ticket-count">{incident.ticketCount}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('incidents.detail.messages')}>
            <Flex vertical gap={12}>
              <Flex vertical gap={2}>
                <Typography.Text strong>
                  {t('incidents.tickets.holding')}
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
                    {t('incidents.detail.sentCount', {
                      sent: incident.holdingSentCount,
                      total: incident.ticketCount,
                    })}
                  </Typography.Text>
                </Typography.Text>
                {incident.holdingReply ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                    {incident.holdingReply}
                  </Typography.Paragraph>
                ) : (
                  <Typography.Text type="secondary">{t('incidents.detail.notYet')}</Typography.Text>
                )}
                {incident.holdingReplyAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(incident.holdingReplyAt)}
                  </Typography.Text>
                )}
              </Flex>
              <Flex vertical gap={2}>
                <Typography.Text strong>
                  {t('incidents.tickets.resolution')}
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
                    {t('incidents.detail.sentCount', {
                      sent: incident.resolutionSentCount,
                      total: incident.ticketCount,
                    })}
                  </Typography.Text>
                </Typography.Text>
                {incident.resolution ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                    {incident.resolution}
                  </Typography.Paragraph>
                ) : (
                  <Typography.Text type="secondary">{t('incidents.detail.notYet')}</Typography.Text>
                )}
              </Flex>
            </Flex>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('incidents.tickets.title', { count: incident.tickets.length })}>
        <IncidentTicketsTable tickets={incident.tickets} />
      </Card>
      <BroadcastModal
        open={broadcast === 'holding'}
        title={t('incidents.holding.title')}
        intro={t('incidents.holding.intro')}
        okText={t('incidents.holding.send')}
        initialText={incident.holdingReply ?? t('incidents.holding.defaultText')}
        recipients={awaitingHolding}
        pending={sendHolding.isPending}
        onSend={(text) => sendHolding.mutateAsync(text).then((result) => result.sent)}
        onClose={() => setBroadcast(null)}
      />
      <BroadcastModal
        open={broadcast === 'resolution'}
        title={t('incidents.resolve.title')}
        intro={t('incidents.resolve.intro')}
        okText={t('incidents.resolve.send')}
        initialText={t('incidents.resolve.defaultText')}
        recipients={awaitingResolution}
        danger
        pending={resolve.isPending}
        onSend={(text) => resolve.mutateAsync(text).then((result) => result.sent)}
        onClose={() => setBroadcast(null)}
      />
    </>
  );
}

/** One incident: what it is about, the tickets it gathered, the holding reply and the resolution broadcast. */
export function IncidentPage() {
  const { incidentId = '' } = useParams();
  const incident = useIncident(incidentId);

  if (incident.isError && !incident.data) {
    const missing = isApiProblem(incident.error) && [400, 404].includes(incident.error.status);
    return missing ? (
      <NotFoundResult />
    ) : (
      <LoadFailed error={incident.error} onRetry={() => void incident.refetch()} />
    );
  }
  if (!incident.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <IncidentView incident={incident.data} />;
}
