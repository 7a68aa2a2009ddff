import { showProblemOnForm } from '@app/api/form-errors';
import type { UpdateWorkspaceInput, Workspace, WorkspaceSettings } from '@app/api/types';
import { useUpdateWorkspace, useWorkspace } from '@app/api/workspace';
import { FullPageSpinner } from '@app/components/FullPageSpinner';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan } from '@app/session/use-session';
import type { Locale } from '@shared/roles';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { SETTINGS_LIMITS, timeZoneOptions } from './settings-limits';

const SECURITY_FIELDS = [
  {
    key: 'sessionIdleMinutes',
    label: 'workspace.sessionIdleMinutes',
    help: 'workspace.sessionIdleHelp',
    unit: 'workspace.minutes',
  },
  {
    key: 'sessionLifetimeHours',
    label: 'workspace.sessionLifetimeHours',
    help: 'workspace.sessionLifetimeHelp',
    unit: 'workspace.hours',
  },
  {
    key: 'passwordRotationDays',
    label: 'workspace.passwordRotationDays',
    help: 'workspace.passwordRotationHelp',
    unit: 'workspace.days',
  },
  {
    key: 'lockoutThreshold',
    label: 'workspace.lockoutThreshold',
    help: 'workspace.lockoutThresholdHelp',
    unit: 'workspace.times',
  },
  {
    key: 'lockoutMinutes',
    label: 'workspace.lockoutMinutes',
    help: 'workspace.lockoutMinutesHelp',
    unit: 'workspace.minutes',
  },
] as const;

interface WorkspaceForm {
  name: string;
  timeZone: string;
  defaultLocale: Locale;
  settings: WorkspaceSettings;
}

/** Only what changed is sent, so the audit log records exactly which settings an admin touched. */
function changesOf(workspace: Workspace, values: WorkspaceForm): UpdateWorkspaceInput {
  const changes: UpdateWorkspaceInput = {};
  if (values.name.trim() !== workspace.name) changes.name = values.name.trim();
  if (values.timeZone !== workspace.timeZone) changes.timeZone = values.timeZone;
  if (values.defaultLocale !== workspace.defaultLocale) changes.defaultLocale = values.defaultLocale;
  const settings: Partial<WorkspaceSettings> = {};
  for (const key of Object.keys(SETTINGS_LIMITS) as (keyof WorkspaceSettings)[]) {
    if (values.settings[key] !== workspace.settings[key]) settings[key] = values.settings[key];
  }
  if (Object.keys(settings).length > 0) changes.settings = settings;
  return changes;
}

export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const workspace = useWorkspace();
  const updateWorkspace = useUpdateWorkspace();
  const [form] = Form.useForm<WorkspaceForm>();
  const editable = can('workspace:update');

  if (workspace.isError && !workspace.data) {
    return <LoadFailed error={workspace.error} onRetry={() => void workspace.refetch()} />;
  }
  if (!workspace.data) return <FullPageSpinner />;
  const current = workspace.data;

  const submit = (values: WorkspaceForm) => {
    const changes = changesOf(current, values);
    if (Object.keys(changes).length === 0) {
      message.info(t('common.saved'));
      return;
    }
    updateWorkspace.mutate(changes, {
      onSuccess: () => void message.success(t('workspace.saved')),
      onError: (error) => {
        if (!showProblemOnForm(form, t, error)) message.error(problemMessage(t, error));
      },
    });
  };

  return (
    <>
      <PageHeader title={t('workspace.title')} />
      {!editable && (
        <Alert type="info" showIcon title={t('workspace.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <Form<WorkspaceForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={!editable || updateWorkspace.isPending}
        initialValues={current}
        style={{ maxWidth: 720 }}
      >
        <Flex vertical gap={16}>
          <Card title={t('workspace.general')}>
            <Form.Item
              name="name"
              label={t('workspace.name')}
              rules={[
                { required: true, whitespace: true, message: t('workspace.nameRequired') },
                { max: 100 },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="timeZone" label={t('workspace.timeZone')} extra={t('workspace.timeZoneHelp')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={timeZoneOptions(current.timeZone)}
              />
            </Form.Item>
            <Form.Item
              name="defaultLocale"
              label={t('workspace.defaultLocale')}
              extra={t('workspace.defaultLocaleHelp')}
            >
              <Select
                options={[
                  { value: 'zh-CN', label: '中文' },
                  { value: 'en', label: 'English' },
                ]}
                style={{ width: 200 }}
              />
            </Form.Item>
          </Card>
          <Card title={t('workspace.security')}>
            {SECURITY_FIELDS.map((field) => {
              const limits = SETTINGS_LIMITS[field.key];
              // The range is a rule rather than min/max on the input, which would silently turn 3 into 5.
              return (
                <Form.Item
                  key={field.key}
                  name={['settings', field.key]}
                  label={t(field.label)}
                  extra={t(field.help, limits)}
                  rules={[{ required: true }, { type: 'integer', ...limits }]}
                >
                  <InputNumber precision={0} suffix={t(field.unit)} style={{ width: 200 }} />
                </Form.Item>
              );
            })}
          </Card>
          {editable && (
            <div>
              <Button type="primary" htmlType="submit" loading={updateWorkspace.isPending}>
                {t('common.save')}
              </Button>
            </div>
          )}
        </Flex>
      </Form>
    </>
  );
}
