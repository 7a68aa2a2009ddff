import { useUpdateCustomer } from '@app/api/customers';
import { showProblemOnForm } from '@app/api/form-errors';
import type { Customer, UpdateCustomerInput } from '@app/api/types';
import { KeyValueListField } from '@app/components/KeyValueListField';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { CustomerProfileFields } from './CustomerProfileFields';

interface EditCustomerForm {
  name: string;
  nickname: string;
  phone: string;
  email: string;
  company: string;
  tags: string[];
  notes: string;
  attributes: { key: string; value: string }[];
}

const toForm = (customer: Customer): EditCustomerForm => ({
  name: customer.name,
  nickname: customer.nickname,
  phone: customer.phone ?? '',
  email: customer.email ?? '',
  company: customer.company,
  tags: customer.tags,
  notes: customer.notes,
  attributes: Object.entries(customer.attributes).map(([key, value]) => ({ key, value })),
});

/** Only what changed is sent, so a colleague's edit to another field is not overwritten with stale values. */
function changedFields(customer: Customer, values: EditCustomerForm): UpdateCustomerInput {
  const before = toForm(customer);
  const changes: UpdateCustomerInput = {};
  for (const field of ['name', 'nickname', 'company', 'notes'] as const) {
    if (values[field].trim() !== before[field]) changes[field] = values[field].trim();
  }
  if (values.phone.trim() !== before.phone) changes.phone = values.phone.trim() || null;
  if (values.email.trim() !== before.email) changes.email = values.email.trim() || null;
  if (JSON.stringify(values.tags) !== JSON.stringify(before.tags)) changes.tags = values.tags;
  const attributes = Object.fromEntries(
    values.attributes
      .filter((entry) => entry.key?.trim())
      .map((entry) => [entry.key.trim(), entry.value ?? '']),
  );
  if (JSON.stringify(attributes) !== JSON.stringify(customer.attributes)) changes.attributes = attributes;
  return changes;
}

export function EditCustomerModal({ customer, onClose }: { customer: Customer | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditCustomerForm>();
  const updateCustomer = useUpdateCustomer();

  const submit = (values: EditCustomerForm) => {
    if (!customer) return;
    const changes = changedFields(customer, values);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    updateCustomer.mutate(
      { customerId: customer.id, changes },
      {
        onSuccess: () => {
          message.success(t('customers.updated'));
          onClose();
        },
        onError: (error) => {
          if (!showProblemOnForm(form, t, error)) message.error(problemMessage(t, error));
        },
      },
    );
  };

  return (
    <Modal
      open={customer !== null}
      title={t('customers.editTitle')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={updateCustomer.isPending}
      destroyOnHidden
      width={600}
    >
      {customer && (
        <Form<EditCustomerForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          preserve={false}
          initialValues={toForm(customer)}
        >
          <CustomerProfileFields />
          <Form.Item label={t('customers.attributes')} extra={t('customers.attributesHelp')}>
            <KeyValueListField
              name="attributes"
              keyLabel={t('customers.attributeKey')}
              valueLabel={t('customers.attributeValue')}
              addLabel={t('customers.addAttribute')}
              maxValueLength={500}
            />
          </Form.Item>
          <Form.Item name="notes" label={t('customers.notes')} rules={[{ max: 5000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
