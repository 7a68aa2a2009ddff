import { PlusOutlined } from '@ant-design/icons';
import { useCalendars } from '@app/api/calendars';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useCan } from '@app/session/use-session';
import { Button, Card, Col, Empty, Flex, Menu, Row, Skeleton, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarDaysCard } from './CalendarDaysCard';
import { CalendarSettingsCard } from './CalendarSettingsCard';
import { CreateCalendarModal } from './CreateCalendarModal';
import { DueCalculatorCard } from './DueCalculatorCard';

/** 工作日历: the calendars SLA business time is counted on, one opened at a time. */
export function CalendarsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const calendars = useCalendars();
  const [chosenId, setChosenId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const readOnly = !can('service_levels:manage');
  const items = calendars.data ?? [];
  // The chosen calendar, else the default one; a deleted choice falls back the same way.
  const calendar =
    items.find((entry) => entry.id === chosenId) ?? items.find((entry) => entry.isDefault) ?? items[0];

  let body: ReactNode;
  if (calendars.isError && !calendars.data) {
    body = <LoadFailed error={calendars.error} onRetry={() => void calendars.refetch()} />;
  } else if (!calendars.data) {
    body = <Skeleton active paragraph={{ rows: 10 }} />;
  } else if (!calendar) {
    body = <Empty description={t('calendars.empty')} />;
  } else {
    body = (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={5}>
          <Card size="small" styles={{ body: { padding: 4 } }}>
            <Menu
              mode="inline"
              selectedKeys={[calendar.id]}
              onClick={({ key }) => setChosenId(key)}
              style={{ borderInlineEnd: 0 }}
              items={items.map((entry) => ({
                key: entry.id,
                label: (
                  <Flex justify="space-between" align="center" gap={4} data-testid="calendar-entry">
                    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{entry.name}</span>
                    {entry.isDefault && <Tag color="blue">{t('calendars.default')}</Tag>}
                  </Flex>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={19}>
          {/* Keyed by calendar: another one opens with its own saved values in the forms. */}
          <Flex vertical gap={16} key={calendar.id}>
            <CalendarSettingsCard calendar={calendar} readOnly={readOnly} />
            <CalendarDaysCard calendar={calendar} readOnly={readOnly} />
            <DueCalculatorCard calendarId={calendar.id} />
          </Flex>
        </Col>
      </Row>
    );
  }

  return (
    <>
      <PageHeader
        title={t('calendars.title')}
        description={t('calendars.intro')}
        extra={
          !readOnly && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('calendars.create')}
            </Button>
          )
        }
      />
      {body}
      <CreateCalendarModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => setChosenId(created.id)}
      />
    </>
  );
}
