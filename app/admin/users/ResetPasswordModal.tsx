import { showProblemOnForm } from '@app/api/form-errors';
import type { User } from '@app/api/types';
import { useResetUserPassword } from '@app/api/users';
import { NewPasswordField } from '@app/components/NewPasswordField';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const resetPassword = useResetUserPassword();

  const submit = ({ password }: { password: string }) => {
    if (!user) return;
    resetPassword.mutate(
      { userId: user.id, password },
      {
        onSuccess: () => {
          message.success(t('users.resetDone', { name: user.name }));
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
      open={user !== null}
      title={user ? t('users.resetTitle', { name: user.name }) : ''}
      okText={t('users.resetPassword')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={resetPassword.isPending}
      destroyOnHidden
    >
      {user && (
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Alert type="info" showIcon title={t('users.resetHelp')} style={{ marginBottom: 16 }} />
          <NewPasswordField name="password" label={t('users.temporaryPassword')} email={user.email} />
        </Form>
      )}
    </Modal>
  );
}
