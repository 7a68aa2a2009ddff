import { timeZoneOptions } from '@app/admin/workspace/settings-limits';
import { useDeleteCalendar, useUpdateCalendar } from '@app/api/calendars';
import { showProblemOnForm } from '@app/api/form-errors';
import type { Calendar } from '@app/api/sla-types';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Button, Card, Col, Flex, Form, Input, Popconfirm, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CalendarSettingsForm, calendarToForm, formToWeek } from './calendar-form';
import { WeekHoursField } from './WeekHoursField';

/** A calendar's name, zone, 24×7 and official-holiday switches and ordinary week. */
export function CalendarSettingsCard({ calendar, readOnly }: { calendar: Calendar; readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CalendarSettingsForm>();
  const alwaysOpen = Form.useWatch('alwaysOpen', form);
  const updateCalendar = useUpdateCalendar();
  const deleteCalendar = useDeleteCalendar();

  const save = (values: CalendarSettingsForm) =>
    updateCalendar.mutate(
      {
        calendarId: calendar.id,
        changes: {
          name: values.name.trim(),
          timeZone: values.timeZone,
          alwaysOpen: values.alwaysOpen,
          followsOfficial: values.followsOfficial,
          week: formToWeek(values.week),
        },
      },
      {
        onSuccess: () => void message.success(t('calendars.saved')),
        onError: (error) => {
          if (!showProblemOnForm(form, t, error)) message.error(problemMessage(t, error));
        },
      },
    );

  const makeDefault = () =>
    updateCalendar.mutate(
      { calendarId: calendar.id, changes: { isDefault: true } },
      {
        onSuccess: () => void message.success(t('calendars.madeDefault', { name: calendar.name })),
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );

  const remove = () =>
    deleteCalendar.mutateAsync(calendar.id).then(
      () => void message.success(t('calendars.deleted', { name: calendar.name })),
      (error: unknown) => void message.error(problemMessage(t, error)),
    );

  return (
    <Card
      size="small"
      title={t('calendars.settings')}
      extra={
        !readOnly && (
          <Flex gap={8}>
            {!calendar.isDefault && (
              <>
                <Button size="small" onClick={makeDefault}>
                  {t('calendars.setDefault')}
                </Button>
                <Popconfirm
                  title={t('calendars.deleteConfirm', { name: calendar.name })}
                  description={t('calendars.deleteHint')}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  onConfirm={remove}
                >
                  <Button size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </>
            )}
            <Button
              size="small"
              type="primary"
              loading={updateCalendar.isPending}
              onClick={() => form.submit()}
              data-testid="calendar-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        )
      }
    >
      <Form<CalendarSettingsForm>
        form={form}
        layout="vertical"
        initialValues={calendarToForm(calendar)}
        onFinish={save}
        disabled={readOnly}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('calendars.name')}
              rules={[{ required: true, whitespace: true, max: 100, message: t('calendars.nameRequired') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="timeZone" label={t('calendars.timeZone')} rules={[{ required: true }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={timeZoneOptions(calendar.timeZone)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="alwaysOpen"
              label={t('calendars.alwaysOpen')}
              extra={t('calendars.alwaysOpenHelp')}
              valuePropName="checked"
            >
              <Switch data-testid="calendar-always-open" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="followsOfficial"
              label={t('calendars.followsOfficial')}
              extra={t('calendars.followsOfficialHelp')}
              valuePropName="checked"
            >
              <Switch data-testid="calendar-follows-official" />
            </Form.Item>
          </Col>
        </Row>
        {/* A 24×7 calendar keeps its week for when it is switched back, but the week does not count meanwhile. */}
        <Form.Item label={t('calendars.week')} extra={alwaysOpen ? t('calendars.weekIgnored') : undefined}>
          <WeekHoursField disabled={readOnly || Boolean(alwaysOpen)} />
        </Form.Item>
      </Form>
    </Card>
  );
}
