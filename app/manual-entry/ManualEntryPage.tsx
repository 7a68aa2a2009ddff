import { showProblemOnForm } from '@app/api/form-errors';
import {
  type RegisteredRequest,
  type RegisterRequestInput,
  useRegisterRequest,
} from '@app/api/manual-entries';
import { CallerHistory } from '@app/calls/CallerHistory';
import { newIdempotencyKey, workspaceNow } from '@app/calls/calendar';
import { useCallerLookup } from '@app/calls/use-caller-lookup';
import { PageHeader } from '@app/components/PageHeader';
import { pickedTimeToIso, useWorkspaceTimeZone } from '@app/components/workspace-time';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

const SOURCES = ['store', 'exhibition', 'phone', 'letter', 'visit', 'other'] as const;

interface RegistrationValues {
  source: RegisterRequestInput['source'];
  sourceDetail?: string;
  customer?: { name?: string; phone?: string; email?: string };
  text: string;
  orderNumber?: string;
  receivedAt: Dayjs;
}

/** Empty inputs are left out: the API reads a missing field as "not told", an empty one as a bad value. */
const filled = (value: string | undefined) => value?.trim() || undefined;

/**
 * 登记请求: a request received in a store, at an exhibition, by letter, on a visit or on the phone, registered
 * so that it goes through intake like any channel's message. A known number shows the customer's history beside
 * the form; the ticket number to tell the customer shows once it is registered.
 */
export function ManualEntryPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const timeZone = useWorkspaceTimeZone();
  const [form] = Form.useForm<RegistrationValues>();
  const register = useRegisterRequest();
  const [idempotencyKey, setIdempotencyKey] = useState(() => newIdempotencyKey('manual-entry'));
  const [registered, setRegistered] = useState<RegisteredRequest | null>(null);
  const [phone, setPhone] = useState('');
  const lookup = useCallerLookup(phone);
  const source = Form.useWatch('source', form);

  const submit = (values: RegistrationValues) => {
    const body: RegisterRequestInput = {
      idempotencyKey,
      source: values.source,
      sourceDetail: filled(values.sourceDetail),
      customer: {
        name: filled(values.customer?.name),
        phone: filled(values.customer?.phone),
        email: filled(values.customer?.email),
      },
      text: values.text.trim(),
      orderNumber: filled(values.orderNumber),
      // The picked clock time is the workspace's, whatever zone this computer is set to.
      receivedAt: pickedTimeToIso(values.receivedAt, timeZone),
    };
    register.mutate(body, {
      onSuccess: setRegistered,
      onError: (error) => {
        if (!showProblemOnForm(form, t, error)) message.error(problemMessage(t, error));
      },
    });
  };

  const next = () => {
    form.resetFields();
    form.setFieldValue('receivedAt', workspaceNow(timeZone));
    setPhone('');
    setRegistered(null);
    setIdempotencyKey(newIdempotencyKey('manual-entry'));
  };

  return (
    <>
      <PageHeader title={t('manualEntry.title')} description={t('manualEntry.intro')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('manualEntry.form.title')}>
            {registered && (
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="request-registered"
                title={
                  <>
                    {t(
                      registered.status === 'duplicate'
                        ? 'manualEntry.form.registeredAgain'
                        : 'manualEntry.form.registered',
                      { number: registered.ticketNumber },
                    )}{' '}
                    <Link to={`/tickets/${registered.ticketId}`} data-testid="request-registered-ticket">
                      {t('manualEntry.form.openTicket')}
                    </Link>
                  </>
                }
                action={
                  <Button size="small" onClick={next} data-testid="request-next">
                    {t('manualEntry.form.next')}
                  </Button>
                }
              />
            )}
            <Form<RegistrationValues>
              form={form}
              layout="vertical"
              onFinish={submit}
              disabled={registered !== null}
              initialValues={{ source: 'store', receivedAt: workspaceNow(timeZone) }}
            >
              <Row gutter={16}>
                <Col xs={24} md={10}>
                  <Form.Item name="source" label={t('manualEntry.form.source')} rules={[{ required: true }]}>
                    <Select
                      data-testid="request-source"
                      options={SOURCES.map((value) => ({ value, label: t(`manualEntry.sources.${value}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={14}>
                  <Form.Item
                    name="sourceDetail"
                    label={t('manualEntry.form.sourceDetail')}
                    htmlFor="request-source-detail"
                    rules={[{ max: 200 }]}
                  >
                    <Input
                      id="request-source-detail"
                      placeholder={t('manualEntry.form.sourceDetailPlaceholder')}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={['customer', 'name']}
                    label={t('manualEntry.form.name')}
                    htmlFor="request-name"
                    rules={[{ max: 100 }]}
                  >
                    <Input id="request-name" autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={['customer', 'phone']}
                    label={t('manualEntry.form.phone')}
                    htmlFor="request-phone"
                    rules={[
                      {
                        required: source === 'phone',
                        whitespace: true,
                        message: t('manualEntry.form.phoneRequiredForCalls'),
                      },
                    ]}
                  >
                    <Input
                      id="request-phone"
                      autoComplete="off"
                      inputMode="tel"
                      placeholder={t('manualEntry.form.phonePlaceholder')}
                      onChange={(event) => setPhone(event.target.value)}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={['customer', 'email']}
                    label={t('manualEntry.form.email')}
                    htmlFor="request-email"
                    rules={[{ type: 'email', message: t('manualEntry.form.emailInvalid') }]}
                  >
                    <Input id="request-email" autoComplete="off" inputMode="email" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="text"
                label={t('manualEntry.form.text')}
                htmlFor="request-text"
                rules={[
                  { required: true, whitespace: true, message: t('manualEntry.form.textRequired') },
                  { max: 20_000 },
                ]}
              >
                <Input.TextArea
                  id="request-text"
                  autoSize={{ minRows: 4, maxRows: 12 }}
                  placeholder={t('manualEntry.form.textPlaceholder')}
                />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="orderNumber"
                    label={t('manualEntry.form.orderNumber')}
                    htmlFor="request-order"
                    rules={[{ min: 4, max: 64 }]}
                  >
                    <Input id="request-order" autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="receivedAt"
                    label={t('manualEntry.form.receivedAt')}
                    rules={[{ required: true }]}
                  >
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      style={{ width: '100%' }}
                      disabledDate={(day) => day.isAfter(new Date(), 'day')}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Button
                type="primary"
                htmlType="submit"
                loading={register.isPending}
                data-testid="request-submit"
              >
                {t('manualEntry.form.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <CallerHistory typed={lookup.typed} caller={lookup.caller} loading={lookup.loading} />
        </Col>
      </Row>
    </>
  );
}
