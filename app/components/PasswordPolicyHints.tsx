import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordProblem,
} from '@shared/password-policy';
import { Flex, type FormRule, Typography, theme } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const limits = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };

/** A form rule that runs the same policy check as the server, so most mistakes show before submitting. */
export function passwordPolicyRule(t: TFunction, email: () => string | undefined): FormRule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (!value) return;
      const [first] = checkPassword(value, { email: email() });
      if (first) throw new Error(t(`problems.password_${first}`, limits));
    },
  };
}

/** Live checklist of the password policy under a new-password field. */
export function PasswordPolicyHints({ password, email }: { password: string; email?: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const problems = new Set<PasswordProblem>(checkPassword(password, { email }));
  const started = password.length > 0;
  const hints: { key: string; text: string; ok: boolean }[] = [
    {
      key: 'length',
      text: t('password.policyLength', limits),
      ok: !problems.has('too_short') && !problems.has('too_long'),
    },
    { key: 'common', text: t('password.policyNotCommon'), ok: !problems.has('too_common') },
  ];
  if (email)
    hints.push({ key: 'email', text: t('password.policyNoEmail'), ok: !problems.has('contains_email') });

  return (
    <Flex vertical gap={2} style={{ margin: '-8px 0 16px' }} aria-live="polite">
      <Typography.Text type="secondary">{t('password.policyTitle')}</Typography.Text>
      {hints.map((hint) => {
        const icon = !started ? (
          <MinusCircleOutlined style={{ color: token.colorTextQuaternary }} />
        ) : hint.ok ? (
          <CheckCircleFilled style={{ color: token.colorSuccess }} />
        ) : (
          <CloseCircleFilled style={{ color: token.colorError }} />
        );
        return (
          <Typography.Text key={hint.key} type={started && !hint.ok ? 'danger' : undefined}>
            {icon} {hint.text}
          </Typography.Text>
        );
      })}
    </Flex>
  );
}

/** The confirmation field must repeat the password field exactly. */
export function sameAsRule(t: TFunction, passwordField: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: string | undefined) => {
      if (value && value !== getFieldValue(passwordField)) throw new Error(t('password.mismatch'));
    },
  });
}
