import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { generatePassword } from './generate-password';
import { PasswordPolicyHints, passwordPolicyRule } from './PasswordPolicyHints';

/**
 * A password an admin sets for someone else (initial or temporary), with the policy checklist and a generator;
 * a generated password is shown in clear so it can be copied and handed over.
 */
export function NewPasswordField({
  name,
  label,
  extra,
  email,
}: {
  name: string;
  label: string;
  extra?: string;
  email?: string;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const password: string = Form.useWatch(name, form) ?? '';
  const [visible, setVisible] = useState(false);

  const fillGenerated = () => {
    form.setFieldValue(name, generatePassword(email));
    setVisible(true);
    void form.validateFields([name]);
  };

  return (
    <>
      <Form.Item label={label} extra={extra} required htmlFor={name}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name={name}
            noStyle
            rules={[
              { required: true, message: t('users.passwordRequired') },
              passwordPolicyRule(t, () => email),
            ]}
          >
            <Input.Password
              autoComplete="new-password"
              visibilityToggle={{ visible, onVisibleChange: setVisible }}
            />
          </Form.Item>
          <Tooltip title={t('users.generatePassword')}>
            <Button
              icon={<ThunderboltOutlined />}
              onClick={fillGenerated}
              aria-label={t('users.generatePassword')}
            />
          </Tooltip>
        </Space.Compact>
      </Form.Item>
      <PasswordPolicyHints password={password} email={email} />
    </>
  );
}
