import { showProblemOnForm } from '@app/api/form-errors';
import { useCreateTicket } from '@app/api/tickets';
import type { Customer } from '@app/api/types';
import { useDepartmentOptions } from '@app/components/department-options';
import { useUserOptions } from '@app/components/user-options';
import { pickedTimeToIso, useWorkspaceTimeZone } from '@app/components/workspace-time';
import { CustomerPicker } from '@app/customers/CustomerPicker';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan, useSession } from '@app/session/use-session';
import type { TicketChannel, TicketPriority } from '@shared/tickets';
import { App, Button, Cascader, Col, DatePicker, Form, Input, Modal, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useTicketLabels } from '../ticket-labels';

interface NewTicketForm {
  subject: string;
  description?: string;
  channel: TicketChannel;
  typePath?: string[];
  priority: TicketPriority;
  customerId?: string | null;
  assigneeId?: string;
  teamId?: string;
  tags?: string[];
  receivedAt?: Dayjs | null;
}

/**
 * Registers a request taken by phone, in the shop or from any channel not yet connected; opened from a customer's
 * page, the ticket starts out linked to that customer.
 */
export function NewTicketModal({
  open,
  customer,
  onClose,
}: {
  open: boolean;
  customer?: Customer;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const { user } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewTicketForm>();
  const createTicket = useCreateTicket();
  const labels = useTicketLabels();
  const userOptions = useUserOptions();
  const departmentOptions = useDepartmentOptions();
  const timeZone = useWorkspaceTimeZone();
  const mayAssign = can('tickets:assign');

  const submit = (values: NewTicketForm) => {
    const [type = null, subtype = null] = values.typePath ?? [];
    const received = values.receivedAt;
    createTicket.mutate(
      {
        subject: values.subject.trim(),
        description: values.description ?? '',
        channel: values.channel,
        type,
        subtype,
        priority: values.priority,
        customerId: values.customerId ?? null,
        assigneeId: mayAssign ? (values.assigneeId ?? null) : undefined,
        teamId: values.teamId ?? null,
        tags: values.tags ?? [],
        // The picked clock time is the workspace's, whatever zone this computer is set to.
        receivedAt: received ? pickedTimeToIso(received, timeZone) : undefined,
      },
      {
        onSuccess: (ticket) => {
          message.success(t('tickets.new.created', { number: ticket.number }));
          onClose();
          navigate(`/tickets/${ticket.id}`);
        },
        onError: (error) => {
          const placed = showProblemOnForm(form, t, error, {
            unknown_type: 'typePath',
            unknown_subtype: 'typePath',
            unknown_customer: 'customerId',
          });
          if (!placed) message.error(problemMessage(t, error));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('tickets.new.title')}
      onCancel={onClose}
      destroyOnHidden
      width={760}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={createTicket.isPending}
          onClick={() => form.submit()}
          data-testid="ticket-create-submit"
        >
          {t('tickets.new.submit')}
        </Button>,
      ]}
    >
      <Form<NewTicketForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ channel: 'phone', priority: 'normal', customerId: customer?.id }}
      >
        <Form.Item
          name="subject"
          label={t('tickets.new.subject')}
          htmlFor="ticket-subject"
          rules={[{ required: true, whitespace: true, max: 200, message: t('tickets.new.subjectRequired') }]}
        >
          <Input id="ticket-subject" autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('tickets.new.description')}
          htmlFor="ticket-description"
          extra={t('tickets.new.descriptionHelp')}
          rules={[{ max: 20_000 }]}
        >
          <Input.TextArea id="ticket-description" autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="customerId" label={t('tickets.new.customer')}>
              <CustomerPicker initialCustomer={customer} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="channel" label={t('tickets.new.channel')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={labels.channelOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="typePath" label={t('tickets.new.type')}>
              <Cascader
                options={labels.typeTree}
                changeOnSelect
                showSearch
                placeholder={t('tickets.new.typePlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="priority" label={t('tickets.new.priority')}>
              <Radio.Group optionType="button" options={labels.priorityOptions} />
            </Form.Item>
          </Col>
          {mayAssign && (
            <Col xs={24} md={12}>
              <Form.Item
                name="assigneeId"
                label={t('tickets.new.assignee')}
                extra={
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => form.setFieldValue('assigneeId', user.id)}
                  >
                    {t('tickets.assignToMe')}
                  </Button>
                }
              >
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={userOptions}
                  placeholder={t('tickets.unassigned')}
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="teamId" label={t('tickets.new.team')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={departmentOptions}
                placeholder={t('tickets.new.noTeam')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="tags" label={t('tickets.new.tags')}>
              <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="receivedAt"
              label={t('tickets.new.receivedAt')}
              extra={t('tickets.new.receivedAtHelp')}
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
      </Form>
    </Modal>
  );
}
