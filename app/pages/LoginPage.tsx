import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useForgetSession, useLogin } from '@app/api/me';
import { isApiProblem } from '@app/api/problem';
import { PublicPageFrame } from '@app/components/PublicPageFrame';
import { useFormatDateTime } from '@app/components/use-format-date';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, Button, Form, Input } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';

interface Credentials {
  email: string;
  password: string;
}

/** Only paths inside this app, so a crafted link cannot bounce a fresh login to another site. */
function safeNextPath(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function loginErrorMessage(t: TFunction, error: unknown, formatTime: (iso: string) => string): string {
  if (isApiProblem(error) && error.code === 'account_locked' && error.retryAfterSeconds) {
    const unlockAt = new Date(Date.now() + error.retryAfterSeconds * 1000).toISOString();
    return t('login.locked', { time: formatTime(unlockAt) });
  }
  return problemMessage(t, error);
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const formatDateTime = useFormatDateTime();
  const login = useLogin();
  // Nothing from a previous session (another user, perhaps) may show through after this login.
  useForgetSession();
  const reason = searchParams.get('reason');

  const submit = (credentials: Credentials) =>
    login.mutate(credentials, {
      onSuccess: () => navigate(safeNextPath(searchParams.get('next')), { replace: true }),
    });

  return (
    <PublicPageFrame title={t('login.title')} subtitle={t('login.subtitle')}>
      {login.isError ? (
        <Alert
          type="error"
          showIcon
          title={loginErrorMessage(t, login.error, (iso) => formatDateTime(iso))}
          style={{ marginBottom: 16 }}
        />
      ) : reason === 'session_expired' ? (
        <Alert type="warning" showIcon title={t('problems.session_expired')} style={{ marginBottom: 16 }} />
      ) : reason === 'signed_out' ? (
        <Alert type="info" showIcon title={t('login.signedOut')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Credentials> layout="vertical" requiredMark={false} onFinish={submit} disabled={login.isPending}>
        <Form.Item
          name="email"
          label={t('login.email')}
          htmlFor="login-email"
          rules={[{ required: true, whitespace: true, message: t('login.emailRequired') }]}
        >
          <Input
            id="login-email"
            inputMode="email"
            autoComplete="username"
            prefix={<MailOutlined />}
            autoFocus
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          htmlFor="login-password"
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password id="login-password" autoComplete="current-password" prefix={<LockOutlined />} />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={login.isPending}
          data-testid="login-submit"
        >
          {t('login.submit')}
        </Button>
      </Form>
    </PublicPageFrame>
  );
}
