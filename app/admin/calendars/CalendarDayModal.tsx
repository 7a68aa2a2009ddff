import { useUpdateCalendar } from '@app/api/calendars';
import type { Calendar } from '@app/api/sla-types';
import { problemMessage } from '@app/i18n/problem-message';
import type { CalendarDay, CalendarDayKind } from '@shared/sla';
import { App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type IntervalRange, intervalToRange, rangeToInterval } from './calendar-form';
import { IntervalsField } from './WeekHoursField';

const DAY_FORMAT = 'YYYY-MM-DD';

/** The day being added or changed: a date alone starts a new entry, an existing entry is edited. */
export type DayEditTarget = { date?: string; kind?: CalendarDayKind; name?: string } | null;

interface DayForm {
  date: Dayjs;
  kind: CalendarDayKind;
  name?: string;
  intervals?: (IntervalRange | null)[];
}

/** Adds one of the workspace's own days, or overrides an official one on the same date. */
export function CalendarDayModal({
  calendar,
  target,
  onClose,
}: {
  calendar: Calendar;
  target: DayEditTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DayForm>();
  const kind = Form.useWatch('kind', form);
  const updateCalendar = useUpdateCalendar();
  const existing = calendar.overrides.find((day) => day.date === target?.date);

  const save = (values: DayForm) => {
    const date = values.date.format(DAY_FORMAT);
    const intervals = (values.intervals ?? []).filter((range): range is IntervalRange => Boolean(range));
    const day: CalendarDay = {
      date,
      kind: values.kind,
      ...(values.name?.trim() ? { name: values.name.trim() } : {}),
      ...(values.kind === 'workday' && intervals.length > 0
        ? { intervals: intervals.map(rangeToInterval) }
        : {}),
    };
    const overrides = [...calendar.overrides.filter((entry) => entry.date !== date), day].sort((a, b) =>
      a.date.localeCompare(b.date),
    );
    updateCalendar.mutate(
      { calendarId: calendar.id, changes: { overrides } },
      {
        onSuccess: () => {
          message.success(t('calendars.daySaved', { date }));
          onClose();
        },
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );
  };

  return (
    <Modal
      open={target !== null}
      title={target?.date ? t('calendars.dayEditTitle', { date: target.date }) : t('calendars.dayAddTitle')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={updateCalendar.isPending}
      destroyOnHidden
    >
      {target !== null && (
        <Form<DayForm>
          form={form}
          layout="vertical"
          onFinish={save}
          preserve={false}
          initialValues={{
            date: target.date ? dayjs(target.date) : undefined,
            kind: existing?.kind ?? target.kind ?? 'holiday',
            name: existing?.name ?? target.name,
            intervals: (existing?.intervals ?? []).map(intervalToRange),
          }}
        >
          {existing === undefined && target.date && (
            <Typography.Paragraph type="secondary">{t('calendars.overrideHint')}</Typography.Paragraph>
          )}
          <Form.Item
            name="date"
            label={t('calendars.date')}
            rules={[{ required: true, message: t('calendars.dateRequired') }]}
          >
            <DatePicker disabled={Boolean(target.date)} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="kind" label={t('calendars.kind')}>
            <Radio.Group
              options={[
                { value: 'holiday', label: t('calendars.kindHoliday') },
                { value: 'workday', label: t('calendars.kindWorkday') },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label={t('common.optionalField', { label: t('calendars.dayName') })}>
            <Input maxLength={50} placeholder={t('calendars.dayNamePlaceholder')} />
          </Form.Item>
          {kind === 'workday' && (
            <Form.Item label={t('calendars.dayIntervals')} extra={t('calendars.dayIntervalsHelp')}>
              <IntervalsField name={['intervals']} />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
