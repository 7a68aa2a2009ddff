import { showProblemOnForm } from '@app/api/form-errors';
import { useChangeOwnPassword } from '@app/api/me';
import { PageHeader } from '@app/components/PageHeader';
import { PasswordPolicyHints, passwordPolicyRule, sameAsRule } from '@app/components/PasswordPolicyHints';
import { problemMessage } from '@app/i18n/problem-message';
import { useSession } from '@app/session/use-session';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Also the page a user with a temporary password is held on until they choose their own. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useSession();
  const changePassword = useChangeOwnPassword();
  const [form] = Form.useForm<PasswordForm>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const wasForced = user.mustChangePassword;

  const submit = ({ currentPassword, newPassword: chosen }: PasswordForm) =>
    changePassword.mutate(
      { currentPassword, newPassword: chosen },
      {
        onSuccess: () => {
          message.success(t('password.changed'));
          form.resetFields();
          if (wasForced) navigate('/', { replace: true });
        },
        onError: (error) => {
          if (!showProblemOnForm(form, t, error)) message.error(problemMessage(t, error));
        },
      },
    );

  return (
    <>
      <PageHeader title={t('password.title')} />
      <Card style={{ maxWidth: 520 }}>
        {wasForced && (
          <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 24 }} />
        )}
        <Form<PasswordForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          disabled={changePassword.isPending}
        >
          {/* Lets password managers tie the new password to the right account. */}
          <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            rules={[{ required: true }, passwordPolicyRule(t, () => user.email)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <PasswordPolicyHints password={newPassword} email={user.email} />
          <Form.Item
            name="confirmPassword"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[{ required: true }, sameAsRule(t, 'newPassword')]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={changePassword.isPending}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
