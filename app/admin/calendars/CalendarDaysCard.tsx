import { PlusOutlined } from '@ant-design/icons';
import { useCalendarYear, useUpdateCalendar } from '@app/api/calendars';
import type { Calendar, EffectiveCalendarDay } from '@app/api/sla-types';
import { problemMessage } from '@app/i18n/problem-message';
import {
  App,
  Button,
  Card,
  Flex,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarDayModal, type DayEditTarget } from './CalendarDayModal';
import { CalendarImportButton } from './CalendarImportButton';
import { WEEKDAY_KEYS } from './calendar-form';

/** Last year, this year and the next two: official schedules are announced for the coming year each winter. */
const yearChoices = (thisYear: number) => [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];

/**
 * The dates of a year that differ from the ordinary week — public holidays, 调休 make-up workdays and the
 * workspace's own days — with where each comes from; the workspace's own can be changed here.
 */
export function CalendarDaysCard({ calendar, readOnly }: { calendar: Calendar; readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [editTarget, setEditTarget] = useState<DayEditTarget>(null);
  const days = useCalendarYear(calendar.id, year);
  const updateCalendar = useUpdateCalendar();

  const removeOwnDay = (date: string) =>
    updateCalendar
      .mutateAsync({
        calendarId: calendar.id,
        changes: { overrides: calendar.overrides.filter((day) => day.date !== date) },
      })
      .then(
        () => void message.success(t('calendars.dayRemoved', { date })),
        (error: unknown) => void message.error(problemMessage(t, error)),
      );

  const columns: TableColumnsType<EffectiveCalendarDay> = [
    {
      title: t('calendars.date'),
      dataIndex: 'date',
      render: (date: string) => (
        <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          {date} {t(`calendars.weekdays.${WEEKDAY_KEYS[dayjs(date).day()] ?? 'sun'}`)}
        </span>
      ),
    },
    { title: t('calendars.dayName'), dataIndex: 'name' },
    {
      title: t('calendars.kind'),
      dataIndex: 'kind',
      render: (kind: EffectiveCalendarDay['kind']) =>
        kind === 'holiday' ? (
          <Tag color="red">{t('calendars.holiday')}</Tag>
        ) : (
          <Tag color="blue">{t('calendars.makeUpDay')}</Tag>
        ),
    },
    {
      title: t('calendars.source'),
      dataIndex: 'source',
      render: (source: EffectiveCalendarDay['source']) =>
        source === 'official' ? (
          <Tag variant="outlined">{t('calendars.official')}</Tag>
        ) : (
          <Tag color="purple" variant="outlined">
            {t('calendars.custom')}
          </Tag>
        ),
    },
  ];
  if (!readOnly) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_value, day) =>
        day.source === 'official' ? (
          <Button type="link" size="small" onClick={() => setEditTarget(day)}>
            {t('calendars.override')}
          </Button>
        ) : (
          <Flex gap={4}>
            <Button type="link" size="small" onClick={() => setEditTarget(day)}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('calendars.dayRemoveConfirm', { date: day.date })}
              okButtonProps={{ danger: true }}
              onConfirm={() => removeOwnDay(day.date)}
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
    <Card
      size="small"
      title={t('calendars.daysTitle')}
      extra={
        <Flex gap={8} align="center">
          <Select
            size="small"
            aria-label={t('calendars.year')}
            value={year}
            onChange={setYear}
            options={yearChoices(thisYear).map((value) => ({
              value,
              label: t('calendars.yearOption', { year: value }),
            }))}
            style={{ width: 100 }}
            data-testid="calendar-year"
          />
          {!readOnly && <CalendarImportButton calendarId={calendar.id} />}
          {!readOnly && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setEditTarget({})}>
              {t('calendars.addDay')}
            </Button>
          )}
        </Flex>
      }
    >
      {!calendar.followsOfficial && (
        <Typography.Paragraph type="secondary">{t('calendars.officialOff')}</Typography.Paragraph>
      )}
      <Table<EffectiveCalendarDay>
        rowKey="date"
        size="small"
        columns={columns}
        dataSource={days.data?.days ?? []}
        loading={days.isPending || days.isPlaceholderData}
        pagination={false}
        scroll={{ y: 360 }}
        locale={{ emptyText: days.isError ? problemMessage(t, days.error) : t('calendars.noDays') }}
        onRow={(day) =>
          ({ 'data-testid': 'calendar-day', 'data-source': day.source }) as HTMLAttributes<HTMLElement>
        }
      />
      <CalendarDayModal calendar={calendar} target={editTarget} onClose={() => setEditTarget(null)} />
    </Card>
  );
}
