import type { Caller, LogCallInput, LoggedCall } from '@app/api/calls';
import { useLogCall } from '@app/api/calls';
import { showProblemOnForm } from '@app/api/form-errors';
import { isApiProblem } from '@app/api/problem';
import { pickedTimeToIso, useWorkspaceTimeZone } from '@app/components/workspace-time';
import { problemMessage } from '@app/i18n/problem-message';
import { useSession } from '@app/session/use-session';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { newIdempotencyKey, workspaceNow } from './calendar';

const NEW_TICKET = 'new';

interface CallLogValues {
  phone: string;
  direction: 'inbound' | 'outbound';
  /** An open ticket's id, or NEW_TICKET; unset: the customer's newest open ticket, else a new one. */
  ticket?: string;
  subject?: string;
  startedAt: Dayjs;
  missed: boolean;
  answeredAfterSeconds?: number | null;
  durationSeconds?: number | null;
  notes?: string;
}

/**
 * The call as the agent took it: number, direction, the ticket it is about (an open one of the caller's, or a new
 * one), when it started, how long it rang and lasted, and what was said. One idempotency key per call: a second
 * click on 登记通话 finds the first record instead of logging the call twice.
 */
export function CallLogForm({
  caller,
  onPhoneChange,
}: {
  /** The caller of the number now typed, once looked up. */
  caller: Caller | undefined;
  onPhoneChange: (phone: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const timeZone = useWorkspaceTimeZone();
  const [form] = Form.useForm<CallLogValues>();
  const logCall = useLogCall();
  const [externalId, setExternalId] = useState(() => newIdempotencyKey('call-form'));
  const [logged, setLogged] = useState<LoggedCall | null>(null);
  const missed = Form.useWatch('missed', form);
  const ticket = Form.useWatch('ticket', form);
  const openTickets = caller?.openTickets ?? [];

  // The caller's newest open ticket is what a call is usually about; a caller without one gets a new ticket.
  useEffect(() => {
    const current = form.getFieldValue('ticket');
    const open = caller?.openTickets ?? [];
    if (current === NEW_TICKET || open.some((candidate) => candidate.id === current)) return;
    form.setFieldValue('ticket', open[0]?.id ?? (caller ? NEW_TICKET : undefined));
  }, [caller, form]);

  const submit = (values: CallLogValues) => {
    const phone = values.phone.trim();
    const chosen: Partial<LogCallInput> =
      values.ticket === NEW_TICKET
        ? { openNewTicket: true, subject: values.subject?.trim() || undefined }
        : values.ticket
          ? { ticketId: values.ticket }
          : {};
    const body: LogCallInput = {
      externalId,
      direction: values.direction,
      ...(values.direction === 'inbound' ? { caller: phone } : { callee: phone }),
      // The picked clock time is the workspace's, whatever zone this computer is set to.
      startedAt: pickedTimeToIso(values.startedAt, timeZone),
      answeredAfterSeconds: values.missed ? null : (values.answeredAfterSeconds ?? 0),
      durationSeconds: values.missed ? 0 : (values.durationSeconds ?? 0),
      notes: values.notes?.trim() || undefined,
      agent: { userId: user.id },
      ...chosen,
    };
    logCall.mutate(body, {
      onSuccess: setLogged,
      onError: (error) => {
        const placed = showProblemOnForm(form, t, error);
        // The number is `caller` or `callee` to the API, depending on the direction.
        const numberProblem = isApiProblem(error)
          ? error.fieldProblems.find((problem) => ['caller', 'callee'].includes(problem.field[0] ?? ''))
          : undefined;
        if (numberProblem) form.setFields([{ name: 'phone', errors: [t('calls.form.phoneRequired')] }]);
        if (!placed && !numberProblem) message.error(problemMessage(t, error));
      },
    });
  };

  const next = () => {
    form.resetFields();
    form.setFieldValue('startedAt', workspaceNow(timeZone));
    onPhoneChange('');
    setLogged(null);
    setExternalId(newIdempotencyKey('call-form'));
  };

  return (
    <Card size="small" title={t('calls.form.title')}>
      {logged && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="call-logged"
          title={
            <>
              {t(logged.status === 'duplicate' ? 'calls.form.loggedAgain' : 'calls.form.logged', {
                number: logged.ticketNumber,
              })}{' '}
              <Link to={`/tickets/${logged.ticketId}`} data-testid="call-logged-ticket">
                {t('calls.form.openTicket')}
              </Link>
            </>
          }
          action={
            <Button size="small" onClick={next} data-testid="call-next">
              {t('calls.form.next')}
            </Button>
          }
        />
      )}
      <Form<CallLogValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={logged !== null}
        initialValues={{ direction: 'inbound', missed: false, startedAt: workspaceNow(timeZone) }}
      >
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="phone"
              label={t('calls.form.phone')}
              htmlFor="call-phone"
              rules={[{ required: true, whitespace: true, message: t('calls.form.phoneRequired') }]}
            >
              <Input
                id="call-phone"
                autoFocus
                autoComplete="off"
                inputMode="tel"
                placeholder={t('calls.form.phonePlaceholder')}
                onChange={(event) => onPhoneChange(event.target.value)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="direction" label={t('calls.form.direction')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'inbound', label: t('calls.form.inbound') },
                  { value: 'outbound', label: t('calls.form.outbound') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="ticket" label={t('calls.form.ticket')}>
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            {openTickets.map((open) => (
              <Radio key={open.id} value={open.id} data-testid={`call-ticket-${open.number}`}>
                {open.number} {open.subject}
              </Radio>
            ))}
            <Radio value={NEW_TICKET} data-testid="call-ticket-new">
              {t('calls.form.newTicket')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {ticket === NEW_TICKET && (
          <Form.Item name="subject" label={t('calls.form.subject')} rules={[{ max: 200 }]}>
            <Input placeholder={t('calls.form.subjectPlaceholder')} />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="startedAt" label={t('calls.form.startedAt')} rules={[{ required: true }]}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          {/* `disabled` is left unset rather than false when answered: the form's own disabled state applies. */}
          <Col xs={12} md={7}>
            <Form.Item
              name="answeredAfterSeconds"
              label={t('calls.form.answeredAfter')}
              tooltip={t('calls.form.answeredAfterHelp')}
              htmlFor="call-answered-after"
              rules={[{ required: !missed, message: t('calls.form.answeredAfterRequired') }]}
            >
              <InputNumber
                id="call-answered-after"
                min={0}
                max={86_400}
                precision={0}
                disabled={missed || undefined}
                suffix={t('calls.form.secondsUnit')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="durationSeconds" label={t('calls.form.duration')} htmlFor="call-duration">
              <InputNumber
                id="call-duration"
                min={0}
                max={86_400}
                precision={0}
                disabled={missed || undefined}
                suffix={t('calls.form.secondsUnit')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="missed" valuePropName="checked">
          <Checkbox data-testid="call-missed">{t('calls.form.missed')}</Checkbox>
        </Form.Item>
        <Form.Item name="notes" label={t('calls.form.notes')} htmlFor="call-notes" rules={[{ max: 20_000 }]}>
          <Input.TextArea
            id="call-notes"
            autoSize={{ minRows: 3, maxRows: 10 }}
            placeholder={t('calls.form.notesPlaceholder')}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={logCall.isPending} data-testid="call-submit">
          {t('calls.form.submit')}
        </Button>
      </Form>
    </Card>
  );
}
