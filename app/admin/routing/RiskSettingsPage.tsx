import { showProblemOnForm } from '@app/api/form-errors';
import {
  type RoutingSettingsWithDefaults,
  useRoutingSettings,
  useUpdateRoutingSettings,
} from '@app/api/routing';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan } from '@app/session/use-session';
import type { RiskTerm } from '@shared/routing';
import { Alert, App, Button, Col, Form, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RiskTermsCard } from './RiskTermsCard';
import { RoutingThresholdsFields } from './RoutingThresholdsFields';
import { formToSettings, settingsToForm, type ThresholdFormValues } from './settings-form';

/** The lexicon and the numbers, edited together and saved with one button. */
function RiskSettingsEditor({
  settings,
  readOnly,
}: {
  settings: RoutingSettingsWithDefaults;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ThresholdFormValues>();
  const [terms, setTerms] = useState<RiskTerm[]>(settings.riskTerms);
  const [termsChanged, setTermsChanged] = useState(false);
  const update = useUpdateRoutingSettings();

  const save = (values: ThresholdFormValues) =>
    update.mutate(
      { ...formToSettings(values), riskTerms: terms },
      {
        onSuccess: () => {
          setTermsChanged(false);
          void message.success(t('riskSettings.saved'));
        },
        onError: (error) => {
          if (!showProblemOnForm(form, t, error)) void message.error(problemMessage(t, error));
        },
      },
    );

  return (
    <>
      <PageHeader
        title={t('riskSettings.title')}
        description={t('riskSettings.intro')}
        extra={
          !readOnly && (
            <Button
              type="primary"
              loading={update.isPending}
              onClick={() => form.submit()}
              data-testid="risk-save"
            >
              {t('common.save')}
            </Button>
          )
        }
      />
      {termsChanged && (
        <Alert type="info" showIcon title={t('riskSettings.unsaved')} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={11}>
          <RiskTermsCard
            terms={terms}
            defaults={settings.defaults.riskTerms}
            readOnly={readOnly}
            onChange={(next) => {
              setTerms(next);
              setTermsChanged(true);
            }}
          />
        </Col>
        <Col xs={24} xl={13}>
          <Form<ThresholdFormValues>
            form={form}
            layout="vertical"
            initialValues={settingsToForm(settings)}
            onFinish={save}
            disabled={readOnly}
            data-testid="risk-thresholds-form"
          >
            <RoutingThresholdsFields />
          </Form>
        </Col>
      </Row>
    </>
  );
}

/** 风险词库与阈值: what makes a request urgent, what the customer is told on acceptance, duplicates, emergencies. */
export function RiskSettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const settings = useRoutingSettings();

  if (settings.isError && !settings.data) {
    return (
      <>
        <PageHeader title={t('riskSettings.title')} />
        <LoadFailed error={settings.error} onRetry={() => void settings.refetch()} />
      </>
    );
  }
  if (!settings.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <RiskSettingsEditor settings={settings.data} readOnly={!can('routing:manage')} />;
}
