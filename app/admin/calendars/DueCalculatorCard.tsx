import { useCalculateDue } from '@app/api/calendars';
import type { DueAddition } from '@app/api/sla-types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { pickedTimeToIso, useWorkspaceTimeZone, wallTimeAt } from '@app/components/workspace-time';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, Button, Card, DatePicker, Flex, Form, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const DUE_UNITS = ['workingDays', 'businessHours', 'businessMinutes', 'calendarMinutes'] as const;
type DueUnit = (typeof DUE_UNITS)[number];

interface DueForm {
  from: Dayjs;
  amount: number;
  unit: DueUnit;
}

/** "From now plus 3 working days is …": the calendar's arithmetic, as saved, tried out by hand. */
export function DueCalculatorCard({ calendarId }: { calendarId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DueForm>();
  const formatDateTime = useFormatDateTime();
  const timeZone = useWorkspaceTimeZone();
  const calculateDue = useCalculateDue();
  // The picker shows wall-clock times: "now" is the workspace's, whatever zone this computer is set to.
  const [initialFrom] = useState(() => {
    const now = wallTimeAt(Date.now(), timeZone);
    return dayjs(new Date(now.year, now.month - 1, now.day, now.hour, now.minute));
  });

  const calculate = ({ from, amount, unit }: DueForm) =>
    calculateDue.mutate({
      calendarId,
      from: pickedTimeToIso(from, timeZone),
      add: { [unit]: amount } as DueAddition,
    });

  return (
    <Card size="small" title={t('calendars.dueTitle')} data-testid="due-calculator">
      <Form<DueForm>
        form={form}
        layout="inline"
        initialValues={{ from: initialFrom, amount: 3, unit: 'workingDays' }}
        onFinish={calculate}
        onValuesChange={() => calculateDue.reset()}
        style={{ rowGap: 8 }}
      >
        <Form.Item name="from" label={t('calendars.dueFrom')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="amount" label={t('calendars.dueAdd')} rules={[{ required: true }]}>
          <InputNumber min={1} max={100_000} precision={0} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="unit">
          <Select
            aria-label={t('calendars.dueUnit')}
            options={DUE_UNITS.map((value) => ({ value, label: t(`calendars.dueUnits.${value}`) }))}
            style={{ width: 130 }}
          />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={calculateDue.isPending} data-testid="due-calculate">
            {t('calendars.dueCalculate')}
          </Button>
        </Form.Item>
      </Form>
      <Flex vertical gap={4} style={{ marginTop: 12 }}>
        {calculateDue.data && (
          <Typography.Text strong data-testid="due-result">
            {t('calendars.dueResult', { time: formatDateTime(calculateDue.data.due) })}
          </Typography.Text>
        )}
        {calculateDue.isError && (
          <Alert type="error" showIcon title={problemMessage(t, calculateDue.error)} />
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('calendars.dueHint', { timeZone })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
