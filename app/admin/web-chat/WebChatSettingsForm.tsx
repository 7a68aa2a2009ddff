import { useCalendars } from '@app/api/calendars';
import { showProblemOnForm } from '@app/api/form-errors';
import { useUpdateWebChatSettings, type WebChatSettings } from '@app/api/web-chat';
import { problemMessage } from '@app/i18n/problem-message';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { bodyOf, formOf, normalizeOrigin, PRE_CHAT_FIELDS, type WebChatForm } from './web-chat-form';

const MAX_UPLOAD_MEGABYTES = 100;

/** Both languages of one text, side by side: the widget shows the visitor's. */
function LocalizedTextFields({
  name,
  label,
  help,
}: {
  name: 'welcome' | 'greeting';
  label: string;
  help: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label} extra={help} style={{ marginBottom: 16 }}>
      <Row gutter={12}>
        {(['zh-CN', 'en'] as const).map((locale) => (
          <Col xs={24} md={12} key={locale}>
            <Form.Item
              name={[name, locale]}
              rules={[
                { required: true, whitespace: true, message: t('webChat.form.textRequired') },
                { max: 500 },
              ]}
              style={{ marginBottom: 0 }}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 5 }}
                maxLength={500}
                aria-label={`${label} ${t(`webChat.form.locale.${locale}`)}`}
                placeholder={t(`webChat.form.locale.${locale}`)}
                data-testid={`web-chat-${name}-${locale}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Form.Item>
  );
}

/** Everything an admin tunes about the widget; read-only for those who may only look. */
export function WebChatSettingsForm({
  settings,
  editable,
}: {
  settings: WebChatSettings;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<WebChatForm>();
  const update = useUpdateWebChatSettings();
  const calendars = useCalendars();
  const preChatEnabled = Form.useWatch('preChatEnabled', form);

  const submit = (values: WebChatForm) =>
    update.mutate(bodyOf(values), {
      onSuccess: (saved) => {
        form.setFieldsValue(formOf(saved));
        void message.success(t('webChat.saved'));
      },
      onError: (error) => {
        if (!showProblemOnForm(form, t, error)) void message.error(problemMessage(t, error));
      },
    });

  return (
    <Form<WebChatForm>
      form={form}
      layout="vertical"
      initialValues={formOf(settings)}
      onFinish={submit}
      disabled={!editable || update.isPending}
      data-testid="web-chat-settings-form"
    >
      <Card title={t('webChat.form.general')} size="small" style={{ marginBottom: 16 }}>
        <Form.Item
          name="enabled"
          label={t('webChat.form.enabled')}
          valuePropName="checked"
          extra={t('webChat.form.enabledHelp')}
        >
          <Switch />
        </Form.Item>
        <LocalizedTextFields
          name="welcome"
          label={t('webChat.form.welcome')}
          help={t('webChat.form.welcomeHelp')}
        />
        <LocalizedTextFields
          name="greeting"
          label={t('webChat.form.greeting')}
          help={t('webChat.form.greetingHelp')}
        />
      </Card>
      <Card title={t('webChat.form.preChat')} size="small" style={{ marginBottom: 16 }}>
        <Form.Item
          name="preChatEnabled"
          valuePropName="checked"
          label={t('webChat.form.preChatEnabled')}
          extra={t('webChat.form.preChatHelp')}
        >
          <Switch />
        </Form.Item>
        {PRE_CHAT_FIELDS.map((field) => (
          <Form.Item
            key={field}
            name={['preChatFields', field]}
            label={t(`webChat.form.fields.${field}`)}
            style={{ marginBottom: 12 }}
          >
            <Radio.Group
              disabled={!editable || !preChatEnabled}
              optionType="button"
              size="small"
              options={(['off', 'optional', 'required'] as const).map((choice) => ({
                value: choice,
                label: t(`webChat.form.choice.${choice}`),
              }))}
            />
          </Form.Item>
        ))}
      </Card>
      <Card title={t('webChat.form.service')} size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="ratingScale" label={t('webChat.form.ratingScale')}>
          <Radio.Group
            options={[
              { value: 'three', label: t('webChat.form.ratingThree') },
              { value: 'five', label: t('webChat.form.ratingFive') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="calendarId"
          label={t('webChat.form.calendar')}
          extra={t('webChat.form.calendarHelp')}
        >
          <Select
            allowClear
            loading={calendars.isPending}
            placeholder={t('webChat.form.calendarDefault')}
            options={(calendars.data ?? []).map((calendar) => ({ value: calendar.id, label: calendar.name }))}
            onClear={() => form.setFieldValue('calendarId', null)}
            style={{ maxWidth: 360 }}
          />
        </Form.Item>
        <Form.Item
          name="allowedOrigins"
          label={t('webChat.form.allowedOrigins')}
          extra={t('webChat.form.allowedOriginsHelp')}
          rules={[
            {
              validator: (_rule, origins: string[] = []) => {
                const wrong = origins.find((origin) => normalizeOrigin(origin) === null);
                return wrong
                  ? Promise.reject(new Error(t('webChat.form.originInvalid', { origin: wrong })))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', ' ', '，']}
            placeholder="https://shop.example.com"
          />
        </Form.Item>
        <Form.Item
          name="uploadMaxMegabytes"
          label={t('webChat.form.uploadLimit')}
          extra={t('webChat.form.uploadLimitHelp')}
          rules={[{ required: true }, { type: 'number', min: 0.1, max: MAX_UPLOAD_MEGABYTES }]}
        >
          <InputNumber min={0.1} max={MAX_UPLOAD_MEGABYTES} step={1} suffix="MB" style={{ width: 160 }} />
        </Form.Item>
      </Card>
      {editable && (
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="web-chat-save">
          {t('common.save')}
        </Button>
      )}
      {!editable && <Typography.Text type="secondary">{t('webChat.readOnly')}</Typography.Text>}
    </Form>
  );
}
