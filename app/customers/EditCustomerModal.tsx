import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useUpdateCustomer } from '@app/api/customers';
import { showProblemOnForm } from '@app/api/form-errors';
import type { Customer, UpdateCustomerInput } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';

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
          <Form.Item name="name" label={t('customers.name')} rules={[{ max: 100 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="nickname" label={t('customers.nickname')} rules={[{ max: 100 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="phone" label={t('customers.phone')} rules={[{ min: 3, max: 30 }]}>
            <Input autoComplete="off" inputMode="tel" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('customers.email')}
            rules={[{ type: 'email', message: t('customers.emailInvalid') }]}
          >
            <Input autoComplete="off" inputMode="email" />
          </Form.Item>
          <Form.Item name="company" label={t('customers.company')} rules={[{ max: 200 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="tags" label={t('customers.tags')}>
            <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
          </Form.Item>
          <Form.Item label={t('customers.attributes')} extra={t('customers.attributesHelp')}>
            <Form.List name="attributes">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field) => (
                    <Flex key={field.key} gap={8}>
                      <Form.Item
                        name={[field.name, 'key']}
                        rules={[{ max: 50 }]}
                        style={{ marginBottom: 0, width: 160 }}
                      >
                        <Input
                          placeholder={t('customers.attributeKey')}
                          aria-label={t('customers.attributeKey')}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'value']}
                        rules={[{ max: 500 }]}
                        style={{ marginBottom: 0, flex: 1 }}
                      >
                        <Input
                          placeholder={t('customers.attributeValue')}
                          aria-label={t('customers.attributeValue')}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('common.delete')}
                      />
                    </Flex>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ key: '', value: '' })}
                    block
                  >
                    {t('customers.addAttribute')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="notes" label={t('customers.notes')} rules={[{ max: 5000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
