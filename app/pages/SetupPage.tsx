import { showProblemOnForm } from '@app/api/form-errors';
import { useLogin } from '@app/api/me';
import { isApiProblem } from '@app/api/problem';
import { type CompleteSetupInput, useCompleteSetup, useSetupLink } from '@app/api/setup';
import { employeeNoRules } from '@app/components/employee-no-rules';
import { FullPageSpinner } from '@app/components/FullPageSpinner';
import { LoadFailed } from '@app/components/LoadFailed';
import { PasswordPolicyHints, passwordPolicyRule, sameAsRule } from '@app/components/PasswordPolicyHints';
import { PublicPageFrame } from '@app/components/PublicPageFrame';
import { presetName, presetSummary } from '@app/i18n/preset-labels';
import { problemMessage } from '@app/i18n/problem-message';
import { DEFAULT_TAXONOMY_PRESET_ID, TAXONOMY_PRESETS } from '@shared/taxonomy';
import { App, Button, Flex, Form, Input, Radio, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';

type SetupForm = Omit<CompleteSetupInput, 'token'> & { confirmPassword: string };

/** First run: the one-time link from the server log creates the first admin, who is then logged in. */
export function SetupPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const link = useSetupLink(token);
  const completeSetup = useCompleteSetup();
  const login = useLogin();
  const [form] = Form.useForm<SetupForm>();
  const password = Form.useWatch('password', form) ?? '';
  const email = Form.useWatch('email', form);

  if (!token || (isApiProblem(link.error) && link.error.status === 404)) {
    return (
      <PublicPageFrame title={t('setup.title')} width={480}>
        <Result
          status="warning"
          title={token ? t('setup.invalidLink') : t('setup.missingToken')}
          subTitle={t('setup.invalidLinkHint')}
        />
      </PublicPageFrame>
    );
  }
  if (link.isError) return <LoadFailed error={link.error} onRetry={() => void link.refetch()} />;
  if (!link.data) return <FullPageSpinner />;

  const submit = async ({ confirmPassword: _confirm, employeeNo, ...values }: SetupForm) => {
    try {
      await completeSetup.mutateAsync({ ...values, token, employeeNo: employeeNo?.trim() || undefined });
    } catch (error) {
      if (!showProblemOnForm(form, t, error, { email_taken: 'email' }))
        message.error(problemMessage(t, error));
      return;
    }
    try {
      await login.mutateAsync({ email: values.email, password: values.password });
      navigate('/', { replace: true });
    } catch (error) {
      // The account exists now; if logging in fails the login page is the way forward.
      message.error(problemMessage(t, error));
      navigate('/login', { replace: true });
    }
  };

  return (
    <PublicPageFrame title={t('setup.title')} subtitle={t('setup.subtitle')} width={480}>
      <Form<SetupForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={completeSetup.isPending || login.isPending}
        initialValues={{ workspaceName: link.data.workspaceName, presetId: DEFAULT_TAXONOMY_PRESET_ID }}
      >
        <Form.Item
          name="workspaceName"
          label={t('setup.workspaceName')}
          extra={t('setup.workspaceNameHelp')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="presetId" label={t('setup.preset')} extra={t('setup.presetHelp')}>
          <Radio.Group style={{ width: '100%' }} data-testid="setup-preset">
            <Flex vertical gap={6}>
              {TAXONOMY_PRESETS.map((preset) => (
                <Radio key={preset.id} value={preset.id}>
                  <Flex vertical>
                    <span>{presetName(t, preset.id, preset.source)}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {presetSummary(t, preset.id, preset.source)}
                    </Typography.Text>
                  </Flex>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="name"
          label={t('setup.name')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="employeeNo"
          label={t('common.optionalField', { label: t('setup.employeeNo') })}
          rules={employeeNoRules(t)}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('setup.email')}
          rules={[{ required: true, type: 'email', message: t('users.emailRequired') }]}
        >
          <Input autoComplete="username" inputMode="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('setup.password')}
          rules={[{ required: true }, passwordPolicyRule(t, () => form.getFieldValue('email'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <PasswordPolicyHints password={password} email={email} />
        <Form.Item
          name="confirmPassword"
          label={t('setup.confirmPassword')}
          dependencies={['password']}
          rules={[{ required: true }, sameAsRule(t, 'password')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={completeSetup.isPending || login.isPending}
        >
          {t('setup.submit')}
        </Button>
      </Form>
    </PublicPageFrame>
  );
}
