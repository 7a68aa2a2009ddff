import { timeZoneOptions } from '@app/admin/workspace/settings-limits';
import { useCreateCalendar } from '@app/api/calendars';
import { showProblemOnForm } from '@app/api/form-errors';
import type { Calendar } from '@app/api/sla-types';
import { useWorkspaceTimeZone } from '@app/components/workspace-time';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { STANDARD_WEEK } from './calendar-form';

interface NewCalendarForm {
  name: string;
  timeZone: string;
}

/** A new calendar starts as the usual office week that follows the official holidays; it is edited afterwards. */
export function CreateCalendarModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (calendar: Calendar) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewCalendarForm>();
  const timeZone = useWorkspaceTimeZone();
  const createCalendar = useCreateCalendar();

  const submit = (values: NewCalendarForm) =>
    createCalendar.mutate(
      {
        name: values.name.trim(),
        timeZone: values.timeZone,
        alwaysOpen: false,
        followsOfficial: true,
        week: STANDARD_WEEK,
        overrides: [],
      },
      {
        onSuccess: (calendar) => {
          message.success(t('calendars.created', { name: calendar.name }));
          onClose();
          onCreated(calendar);
        },
        onError: (error) => {
          if (!showProblemOnForm(form, t, error)) message.error(problemMessage(t, error));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('calendars.createTitle')}
      okText={t('common.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createCalendar.isPending}
      destroyOnHidden
    >
      <Form<NewCalendarForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ timeZone }}
      >
        <Form.Item
          name="name"
          label={t('calendars.name')}
          extra={t('calendars.createHint')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('calendars.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('calendars.namePlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item name="timeZone" label={t('calendars.timeZone')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={timeZoneOptions(timeZone)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
