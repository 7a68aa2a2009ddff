import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** The profile fields shared by the create and edit forms: name, nickname, phone, e-mail, company, tags. */
export function CustomerProfileFields() {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}
