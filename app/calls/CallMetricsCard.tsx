import { useCallMetrics } from '@app/api/calls';
import { useWorkspaceTimeZone } from '@app/components/workspace-time';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { workspaceDays } from './calendar';

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** One period's phone service level: calls, missed, answer rate and the seed's "answered within 15 s". */
function PeriodFigures({
  title,
  from,
  to,
  testId,
}: {
  title: string;
  from: string;
  to: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const metrics = useCallMetrics({ from, to }).data;
  const none = t('calls.metrics.none');
  return (
    <Card size="small" title={title} data-testid={testId}>
      {!metrics ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <Row gutter={[16, 8]}>
          <Col span={8}>
            <Statistic title={t('calls.metrics.inbound')} value={metrics.inbound} />
          </Col>
          <Col span={8}>
            <Statistic title={t('calls.metrics.missed')} value={metrics.missed} />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('calls.metrics.answerRate')}
              value={percent(metrics.answerRate) ?? none}
              suffix={metrics.answerRate === null ? undefined : '%'}
            />
          </Col>
          <Col span={12}>
            <Statistic
              title={t('calls.metrics.withinThreshold', { seconds: metrics.thresholdSeconds })}
              value={percent(metrics.withinThresholdRate) ?? none}
              suffix={metrics.withinThresholdRate === null ? undefined : '%'}
            />
          </Col>
          <Col span={12}>
            <Statistic
              title={t('calls.metrics.averageAnswer')}
              value={
                metrics.averageAnswerSeconds === null
                  ? none
                  : t('calls.metrics.seconds', { value: metrics.averageAnswerSeconds })
              }
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}

/** Today's and this week's phone figures, on the workspace's calendar (weeks start on Monday). */
export function CallMetricsCards() {
  const { t } = useTranslation();
  const { today, weekStart } = workspaceDays(useWorkspaceTimeZone());
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={12}>
        <PeriodFigures title={t('calls.metrics.today')} from={today} to={today} testId="call-metrics-today" />
      </Col>
      <Col xs={24} lg={12}>
        <PeriodFigures
          title={t('calls.metrics.week')}
          from={weekStart}
          to={today}
          testId="call-metrics-week"
        />
      </Col>
    </Row>
  );
}
