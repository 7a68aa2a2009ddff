import { FormSection } from '@app/admin/editor-form';
import { showProblemOnForm } from '@app/api/form-errors';
import { type Mailbox, type SmtpSecurity, useCreateMailbox, useUpdateMailbox } from '@app/api/mailboxes';
import { problemMessage } from '@app/i18n/problem-message';
import {
  App,
  Button,
  Col,
  Drawer,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Row,
  Switch,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { bodyOf, formOf, imapPort, type MailboxForm, SMTP_PORTS } from './mailbox-form';
import { SubjectTemplatesField } from './SubjectTemplatesField';

/** null: closed; 'new': add one; a mailbox: edit it. */
export type MailboxEditTarget = Mailbox | 'new' | null;

const DRAWER_WIDTH = 760;

function PasswordField({ name, set, required }: { name: string[]; set: boolean; required: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={t('mailboxes.form.password')}
      extra={t('mailboxes.form.passwordHelp')}
      rules={[{ required: required && !set, message: t('mailboxes.form.passwordRequired') }, { max: 500 }]}
    >
      <Input.Password
        autoComplete="new-password"
        placeholder={set ? t('mailboxes.form.passwordSet') : undefined}
        data-testid={`${name.join('-')}`}
      />
    </Form.Item>
  );
}

/** Where IMAP mail is fetched from; shown while "fetch from IMAP" is on. */
function ImapFields({ form, passwordSet }: { form: FormInstance<MailboxForm>; passwordSet: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item
            name={['imap', 'host']}
            label={t('mailboxes.form.host')}
            rules={[{ required: true, whitespace: true, message: t('mailboxes.form.hostRequired') }]}
          >
            <Input placeholder="imap.example.com" data-testid="imap-host" />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name={['imap', 'port']} label={t('mailboxes.form.port')} rules={[{ required: true }]}>
            <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name={['imap', 'tls']} label={t('mailboxes.form.tls')} valuePropName="checked">
            <Switch
              onChange={(tls) => {
                // The usual port follows the switch unless the admin typed another one.
                const port = form.getFieldValue(['imap', 'port']);
                if (port === imapPort(!tls)) form.setFieldValue(['imap', 'port'], imapPort(tls));
              }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name={['imap', 'user']}
            label={t('mailboxes.form.user')}
            rules={[{ required: true, whitespace: true, message: t('mailboxes.form.userRequired') }]}
          >
            <Input autoComplete="off" data-testid="imap-user" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <PasswordField name={['imap', 'password']} set={passwordSet} required />
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={['imap', 'folder']} label={t('mailboxes.form.folder')}>
            <Input placeholder="INBOX" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name={['imap', 'processedFolder']}
            label={t('common.optionalField', { label: t('mailboxes.form.processedFolder') })}
            extra={t('mailboxes.form.processedFolderHelp')}
          >
            <Input allowClear />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** The server replies go out through; shown while "send through SMTP" is on. */
function SmtpFields({ form, passwordSet }: { form: FormInstance<MailboxForm>; passwordSet: boolean }) {
  const { t } = useTranslation();
  const securities: SmtpSecurity[] = ['starttls', 'tls', 'none'];
  return (
    <>
      <Row gutter={12}>
        <Col span={16}>
          <Form.Item
            name={['smtp', 'host']}
            label={t('mailboxes.form.host')}
            rules={[{ required: true, whitespace: true, message: t('mailboxes.form.hostRequired') }]}
          >
            <Input placeholder="smtp.example.com" data-testid="smtp-host" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['smtp', 'port']} label={t('mailboxes.form.port')} rules={[{ required: true }]}>
            <InputNumber
              min={1}
              max={65535}
              precision={0}
              style={{ width: '100%' }}
              data-testid="smtp-port"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['smtp', 'security']} label={t('mailboxes.form.security')}>
        <Radio.Group
          optionType="button"
          options={securities.map((security) => ({
            value: security,
            label: t(`mailboxes.security.${security}`),
          }))}
          onChange={(event) => {
            const port = form.getFieldValue(['smtp', 'port']);
            if (Object.values(SMTP_PORTS).includes(port))
              form.setFieldValue(['smtp', 'port'], SMTP_PORTS[event.target.value as SmtpSecurity]);
          }}
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name={['smtp', 'user']}
            label={t('common.optionalField', { label: t('mailboxes.form.smtpUser') })}
          >
            <Input autoComplete="off" allowClear />
          </Form.Item>
        </Col>
        <Col span={12}>
          <PasswordField name={['smtp', 'password']} set={passwordSet} required={false} />
        </Col>
      </Row>
    </>
  );
}

/** Adding or editing a mailbox; the server's complaints land under the fields they concern. */
export function MailboxDrawer({ target, onClose }: { target: MailboxEditTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MailboxForm>();
  const create = useCreateMailbox();
  const update = useUpdateMailbox();
  const imapEnabled = Form.useWatch('imapEnabled', form);
  const smtpEnabled = Form.useWatch('smtpEnabled', form);
  const saving = create.isPending || update.isPending;
  const existing = target !== null && target !== 'new' ? target : null;

  const handlers = {
    onSuccess: (mailbox: Mailbox) => {
      message.success(
        t(target === 'new' ? 'mailboxes.created' : 'mailboxes.updated', { address: mailbox.address }),
      );
      onClose();
    },
    onError: (error: unknown) => {
      if (!showProblemOnForm(form, t, error, { address_taken: 'address' }))
        message.error(problemMessage(t, error));
    },
  };

  const submit = (values: MailboxForm) => {
    // The whole mailbox every time: what the form shows is what is saved.
    const body = bodyOf(values);
    if (existing) update.mutate({ mailboxId: existing.id, changes: body }, handlers);
    else create.mutate(body, handlers);
  };

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={DRAWER_WIDTH}
      destroyOnHidden
      title={existing ? t('mailboxes.editTitle', { address: existing.address }) : t('mailboxes.createTitle')}
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="mailbox-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {target !== null && (
        <Form<MailboxForm>
          form={form}
          layout="vertical"
          initialValues={formOf(target)}
          onFinish={submit}
          disabled={saving}
          data-testid="mailbox-form"
        >
          <FormSection title={t('mailboxes.form.general')}>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item
                  name="address"
                  label={t('mailboxes.address')}
                  rules={[{ required: true, type: 'email', message: t('mailboxes.form.addressRequired') }]}
                >
                  <Input placeholder="support@example.com" data-testid="mailbox-address" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="displayName"
                  label={t('mailboxes.form.displayName')}
                  extra={t('mailboxes.form.displayNameHelp')}
                  rules={[{ max: 100 }]}
                >
                  <Input maxLength={100} data-testid="mailbox-display-name" />
                </Form.Item>
              </Col>
            </Row>
          </FormSection>
          <FormSection title={t('mailboxes.form.incoming')} help={t('mailboxes.form.incomingHelp')}>
            <Form.Item
              name="smtpInbound"
              valuePropName="checked"
              label={t('mailboxes.form.smtpInbound')}
              extra={t('mailboxes.form.smtpInboundHelp')}
            >
              <Switch data-testid="mailbox-smtp-inbound" />
            </Form.Item>
            <Form.Item
              name="imapEnabled"
              valuePropName="checked"
              label={t('mailboxes.form.imapEnabled')}
              extra={t('mailboxes.form.imapHelp')}
            >
              <Switch data-testid="mailbox-imap-enabled" />
            </Form.Item>
            {imapEnabled && <ImapFields form={form} passwordSet={existing?.imap?.passwordSet ?? false} />}
          </FormSection>
          <FormSection title={t('mailboxes.form.outgoing')} help={t('mailboxes.form.outgoingHelp')}>
            <Form.Item name="smtpEnabled" valuePropName="checked" label={t('mailboxes.form.smtpEnabled')}>
              <Switch data-testid="mailbox-smtp-enabled" />
            </Form.Item>
            {smtpEnabled && <SmtpFields form={form} passwordSet={existing?.smtp?.passwordSet ?? false} />}
          </FormSection>
          <FormSection title={t('mailboxes.form.subjects')} help={t('mailboxes.form.subjectsHelp')}>
            <SubjectTemplatesField form={form} saved={existing?.subjectTemplates ?? {}} />
          </FormSection>
          <FormSection title={t('mailboxes.form.signature')} help={t('mailboxes.form.signatureHelp')}>
            <Form.Item name="signature" rules={[{ max: 2000 }]}>
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={2000}
                aria-label={t('mailboxes.form.signature')}
                data-testid="mailbox-signature"
              />
            </Form.Item>
          </FormSection>
        </Form>
      )}
    </Drawer>
  );
}
