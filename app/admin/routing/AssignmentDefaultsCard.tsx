import { type RoutingSettings, useUpdateRoutingSettings } from '@app/api/routing';
import { useDepartmentOptions } from '@app/components/department-options';
import { problemMessage } from '@app/i18n/problem-message';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { App, Button, Card, Col, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRuleLabels } from './rule-labels';

interface DefaultsFormValues {
  typeTeams: Record<string, string | undefined>;
  defaultTeamId: string | null;
  successManagerTiers: string[];
  autoAwayMinutes: number;
}

/**
 * Where a ticket goes when no rule says (seed 001: consult → frontline agents, complaint and suggestion →
 * supervisors, fault → technical support, service change → operations), who goes to their customer success
 * manager, and when an idle agent turns away.
 */
export function AssignmentDefaultsCard({
  settings,
  canManage,
}: {
  settings: RoutingSettings;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DefaultsFormValues>();
  const labels = useTicketLabels();
  const ruleLabels = useRuleLabels();
  const departmentOptions = useDepartmentOptions();
  const update = useUpdateRoutingSettings();
  const types = labels.config?.types ?? [];

  const save = (values: DefaultsFormValues) => {
    const typeTeams = Object.fromEntries(
      Object.entries(values.typeTeams ?? {}).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    update.mutate(
      {
        typeTeams,
        defaultTeamId: values.defaultTeamId ?? null,
        successManagerTiers: (values.successManagerTiers ?? []).map((tier) => tier.trim()).filter(Boolean),
        autoAwayMinutes: values.autoAwayMinutes,
      },
      {
        onSuccess: () => void message.success(t('teamRouting.defaults.saved')),
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );
  };

  return (
    <Card
      size="small"
      title={t('teamRouting.defaults.title')}
      style={{ marginBottom: 16 }}
      extra={
        canManage && (
          <Button size="small" type="primary" loading={update.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        )
      }
    >
      <Form<DefaultsFormValues>
        form={form}
        layout="vertical"
        disabled={!canManage}
        initialValues={{
          typeTeams: settings.typeTeams,
          defaultTeamId: settings.defaultTeamId,
          successManagerTiers: settings.successManagerTiers,
          autoAwayMinutes: settings.autoAwayMinutes,
        }}
        onFinish={save}
        data-testid="assignment-defaults-form"
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('teamRouting.defaults.typeTeamsHelp')}
        </Typography.Paragraph>
        <Row gutter={16}>
          {types.map((type) => (
            <Col xs={24} md={8} key={type.key}>
              <Form.Item name={['typeTeams', type.key]} label={type.label}>
                <Select
                  allowClear
                  options={departmentOptions}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('teamRouting.defaults.useDefault')}
                />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24} md={8}>
            <Form.Item
              name="defaultTeamId"
              label={t('teamRouting.defaults.defaultTeam')}
              extra={t('teamRouting.defaults.defaultTeamHelp')}
            >
              <Select
                allowClear
                options={departmentOptions}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('teamRouting.defaults.unassigned')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name="successManagerTiers"
              label={t('teamRouting.defaults.successManagerTiers')}
              extra={t('teamRouting.defaults.successManagerTiersHelp')}
            >
              <Select mode="tags" options={ruleLabels.tierOptions} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="autoAwayMinutes"
              label={t('teamRouting.defaults.autoAway')}
              extra={t('teamRouting.defaults.autoAwayHelp')}
              rules={[{ required: true }]}
            >
              <InputNumber<number>
                min={1}
                max={1440}
                precision={0}
                suffix={t('riskSettings.unit.minutes')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
