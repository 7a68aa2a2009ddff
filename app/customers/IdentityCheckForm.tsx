import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

export interface IdentityCheck {
  phoneLast4: string;
  name: string;
}

/**
 * The SOPs' identity check (核实身份): the caller gives the last four digits of their phone and their name, and
 * the agent looks for a record holding both. Kept out of the URL, so the digits stay out of browser history.
 */
export function IdentityCheckForm({ onCheck }: { onCheck: (check: IdentityCheck) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IdentityCheck>();
  return (
    <Form<IdentityCheck>
      form={form}
      layout="inline"
      onFinish={(values) => onCheck({ phoneLast4: values.phoneLast4, name: values.name.trim() })}
      aria-label={t('customers.identityCheck.title')}
    >
      <Flex gap={8} wrap align="start">
        <Form.Item
          name="phoneLast4"
          rules={[{ required: true, pattern: /^\d{4}$/, message: t('customers.identityCheck.last4Invalid') }]}
          style={{ marginInlineEnd: 0 }}
        >
          <Input
            inputMode="numeric"
            maxLength={4}
            placeholder={t('customers.identityCheck.last4')}
            aria-label={t('customers.identityCheck.last4')}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item
          name="name"
          rules={[{ required: true, whitespace: true, message: t('customers.identityCheck.nameRequired') }]}
          style={{ marginInlineEnd: 0 }}
        >
          <Input
            placeholder={t('customers.identityCheck.name')}
            aria-label={t('customers.identityCheck.name')}
            style={{ width: 150 }}
          />
        </Form.Item>
        <Button htmlType="submit" icon={<SafetyCertificateOutlined />}>
          {t('customers.identityCheck.submit')}
        </Button>
      </Flex>
    </Form>
  );
}
