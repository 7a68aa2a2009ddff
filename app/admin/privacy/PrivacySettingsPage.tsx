import { showProblemOnForm } from '@app/api/form-errors';
import { usePrivacySettings, useUpdatePrivacySettings } from '@app/api/privacy';
import type { PiiKind, PrivacySettings, PrivacySettingsInput } from '@app/api/types';
import { FullPageSpinner } from '@app/components/FullPageSpinner';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { problemMessage } from '@app/i18n/problem-message';
import { PII_KINDS } from '@app/privacy/pii-kinds';
import { useCan } from '@app/session/use-session';
import { App, Button, Card, Flex, Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { MaskingRules } from './MaskingRules';
import { RetentionCard } from './RetentionCard';

interface PrivacyForm {
  masked: Record<PiiKind, boolean>;
  maskFormats: Partial<Record<PiiKind, string | undefined>>;
  retentionMonths: number | null;
}

const toForm = (settings: PrivacySettings): PrivacyForm => ({
  masked: Object.fromEntries(PII_KINDS.map((kind) => [kind, settings.maskedKinds.includes(kind)])) as Record<
    PiiKind,
    boolean
  >,
  maskFormats: settings.maskFormats,
  retentionMonths: settings.retentionMonths,
});

// An emptied template means the built-in format, which the server knows by the kind being absent.
function toInput(values: PrivacyForm): PrivacySettingsInput {
  const maskFormats: Partial<Record<PiiKind, string>> = {};
  for (const kind of PII_KINDS) {
    const format = values.maskFormats?.[kind]?.trim();
    if (format) maskFormats[kind] = format;
  }
  return {
    maskedKinds: PII_KINDS.filter((kind) => values.masked?.[kind]),
    maskFormats,
    retentionMonths: values.retentionMonths ?? null,
  };
}

/** Which personal data is masked and how, how long messages keep it, and anonymizing what is older. */
export function PrivacySettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const settings = usePrivacySettings();
  const updateSettings = useUpdatePrivacySettings();
  const [form] = Form.useForm<PrivacyForm>();

  if (settings.isError && !settings.data) {
    return <LoadFailed error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  if (!settings.data) return <FullPageSpinner />;

  const submit = (values: PrivacyForm) =>
    updateSettings.mutate(toInput(values), {
      onSuccess: () => void message.success(t('privacy.settings.saved')),
      onError: (error) => {
        if (!showProblemOnForm(form, t, error)) void message.error(problemMessage(t, error));
      },
    });

  return (
    <>
      <PageHeader title={t('privacy.settings.title')} description={t('privacy.settings.intro')} />
      <Flex vertical gap={16} style={{ maxWidth: 820 }}>
        <Form<PrivacyForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          disabled={updateSettings.isPending}
          initialValues={toForm(settings.data)}
        >
          <Flex vertical gap={16}>
            <Card title={t('privacy.settings.masking')}>
              <MaskingRules examples={settings.data.examples} />
            </Card>
            <Card title={t('privacy.settings.retention')}>
              <Form.Item
                name="retentionMonths"
                label={t('privacy.settings.retentionMonths')}
                extra={t('privacy.settings.retentionHelp')}
                rules={[{ type: 'integer', min: 1, max: 120 }]}
                style={{ marginBottom: 0 }}
              >
                <InputNumber
                  precision={0}
                  placeholder={t('privacy.settings.off')}
                  suffix={t('privacy.settings.months')}
                  style={{ width: 220 }}
                  data-testid="privacy-retention-months"
                />
              </Form.Item>
            </Card>
            <div>
              <Button
                type="primary"
                htmlType="submit"
                loading={updateSettings.isPending}
                data-testid="privacy-save"
              >
                {t('common.save')}
              </Button>
            </div>
          </Flex>
        </Form>
        {can('pii:retention') && <RetentionCard />}
      </Flex>
    </>
  );
}
