import { useCreateCustomer } from '@app/api/customers';
import { showProblemOnForm } from '@app/api/form-errors';
import type { CreateCustomerInput, Customer, CustomerIdentity } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { CustomerProfileFields } from './CustomerProfileFields';
import { IdentitiesFormList } from './IdentitiesFormList';

export interface NewCustomerForm {
  name?: string;
  nickname?: string;
  phone?: string;
  email?: string;
  company?: string;
  tags?: string[];
  notes?: string;
  identities?: CustomerIdentity[];
}

const trimmedOrNull = (value: string | undefined) => value?.trim() || null;

function toCreateInput(values: NewCustomerForm): CreateCustomerInput {
  return {
    name: values.name?.trim() ?? '',
    nickname: values.nickname?.trim() ?? '',
    phone: trimmedOrNull(values.phone),
    email: trimmedOrNull(values.email),
    company: values.company?.trim() ?? '',
    tags: values.tags ?? [],
    notes: values.notes ?? '',
    identities: (values.identities ?? []).map((identity) => ({
      channel: identity.channel,
      externalId: identity.externalId.trim(),
    })),
  };
}

/** A record with nothing to recognise the customer by would only ever be a duplicate waiting to happen. */
const identifiesSomeone = (input: CreateCustomerInput) =>
  Boolean(input.name || input.nickname || input.phone || input.email || input.identities?.length);

export function CreateCustomerModal({
  open,
  initialValues,
  onClose,
  onCreated,
}: {
  open: boolean;
  initialValues?: NewCustomerForm;
  onClose: () => void;
  onCreated: (customer: Customer) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewCustomerForm>();
  const createCustomer = useCreateCustomer();

  const submit = (values: NewCustomerForm) => {
    const input = toCreateInput(values);
    if (!identifiesSomeone(input)) {
      form.setFields([{ name: 'name', errors: [t('customers.needsIdentification')] }]);
      return;
    }
    createCustomer.mutate(input, {
      onSuccess: (customer) => {
        message.success(t('customers.created', { number: customer.number }));
        onCreated(customer);
      },
      onError: (error) => {
        if (!showProblemOnForm(form, t, error)) message.error(problemMessage(t, error));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('customers.createTitle')}
      okText={t('common.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createCustomer.isPending}
      destroyOnHidden
      width={600}
    >
      <Form<NewCustomerForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={initialValues}
      >
        <CustomerProfileFields />
        <Form.Item label={t('customers.identities')} extra={t('customers.identitiesHelp')}>
          <IdentitiesFormList name="identities" />
        </Form.Item>
        <Form.Item name="notes" label={t('customers.notes')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
