import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, TimePicker, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type IntervalRange, intervalsProblem, WEEKDAY_KEYS, WEEKDAYS_MONDAY_FIRST } from './calendar-form';

const TIME_FORMAT = 'HH:mm';

/** One list of working intervals, as time-range rows with add and remove; also used for a single day's hours. */
export function IntervalsField({ name, disabled }: { name: (string | number)[]; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: (_rule, ranges: (IntervalRange | null)[] | undefined) => {
            const problem = intervalsProblem(ranges ?? []);
            if (problem === 'invalid') return Promise.reject(new Error(t('calendars.intervalInvalid')));
            if (problem === 'overlap') return Promise.reject(new Error(t('calendars.intervalsOverlap')));
            return Promise.resolve();
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={6}>
          {fields.length === 0 && <Typography.Text type="secondary">{t('calendars.dayOff')}</Typography.Text>}
          {fields.map((field) => (
            <Flex key={field.key} gap={4} align="center">
              <Form.Item
                name={field.name}
                noStyle
                rules={[{ required: true, message: t('calendars.intervalInvalid') }]}
              >
                <TimePicker.RangePicker
                  format={TIME_FORMAT}
                  minuteStep={5}
                  order={false}
                  needConfirm={false}
                  disabled={disabled}
                  aria-label={t('calendars.interval')}
                  style={{ width: 200 }}
                />
              </Form.Item>
              {!disabled && (
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('calendars.removeInterval')}
                  onClick={() => remove(field.name)}
                />
              )}
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          {!disabled && (
            <Button
              type="link"
              size="small"
              icon={<PlusOutlined />}
              style={{ padding: 0, alignSelf: 'start' }}
              onClick={() => add([dayjs('2000-01-01T09:00'), dayjs('2000-01-01T18:00')])}
            >
              {t('calendars.addInterval')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

/** The ordinary week: each weekday's working intervals (09:00–12:00, 13:30–18:30), none for a day off. */
export function WeekHoursField({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Flex vertical data-testid="calendar-week">
      {WEEKDAYS_MONDAY_FIRST.map((day) => (
        <Flex
          key={day}
          gap={16}
          align="start"
          style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
          data-testid={`calendar-weekday-${day}`}
        >
          <Typography.Text strong style={{ width: 48, lineHeight: '32px' }}>
            {t(`calendars.weekdays.${WEEKDAY_KEYS[day]}`)}
          </Typography.Text>
          <IntervalsField name={['week', day]} disabled={disabled} />
        </Flex>
      ))}
    </Flex>
  );
}
