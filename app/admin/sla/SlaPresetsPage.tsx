import { CheckCircleFilled } from '@ant-design/icons';
import { useApplySlaPreset, useSlaPresets } from '@app/api/sla';
import type { SlaPreset } from '@app/api/sla-types';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { presetName } from '@app/i18n/preset-labels';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan } from '@app/session/use-session';
import { useSlaLabels } from '@app/sla/sla-labels';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { App, Button, Card, Col, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { summarizePreset } from './preset-summary';

function PresetTargets({ preset }: { preset: SlaPreset }) {
  const { t } = useTranslation();
  const sla = useSlaLabels();
  const tickets = useTicketLabels();
  const lines = summarizePreset(preset, {
    sla,
    tickets,
    listSeparator: t('common.listSeparator'),
    otherwise: t('slaPresets.otherwise'),
  });
  return (
    <Flex vertical gap={4} data-testid="preset-targets">
      {lines.map((line) => (
        <Typography.Text key={line.metric} style={{ fontSize: 13 }}>
          <Typography.Text strong>{line.label}</Typography.Text> {line.chunks.join(' · ')}
        </Typography.Text>
      ))}
    </Flex>
  );
}

function PresetCard({ preset, current }: { preset: SlaPreset; current: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = useCan();
  const applyPreset = useApplySlaPreset();
  const name = presetName(t, preset.id, preset.name);

  const confirmApply = () =>
    modal.confirm({
      title: t('slaPresets.applyTitle', { name }),
      content: (
        <Flex vertical gap={8}>
          <span>{t('slaPresets.applyReplaces')}</span>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            <li>{t('slaPresets.replacesTaxonomy')}</li>
            <li>{t('slaPresets.replacesPolicies')}</li>
          </ul>
          <Typography.Text type="secondary">{t('slaPresets.applyKeeps')}</Typography.Text>
        </Flex>
      ),
      okText: t('slaPresets.apply'),
      width: 480,
      onOk: () =>
        applyPreset.mutateAsync(preset.id).then(
          () => void message.success(t('slaPresets.applied', { name })),
          (error: unknown) => void message.error(problemMessage(t, error)),
        ),
    });

  return (
    <Card
      title={name}
      extra={
        current && (
          <Tag color="green" icon={<CheckCircleFilled />}>
            {t('slaPresets.current')}
          </Tag>
        )
      }
      style={{
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        borderColor: current ? '#52c41a' : undefined,
      }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12, flex: 1 } }}
      data-testid={`preset-${preset.id}`}
      data-current={current}
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {preset.description}
      </Typography.Paragraph>
      <PresetTargets preset={preset} />
      <Flex justify="space-between" align="end" gap={8} style={{ marginTop: 'auto' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('slaPresets.source', { source: preset.source })}
        </Typography.Text>
        {can('service_levels:manage') && (
          <Button
            type={current ? 'default' : 'primary'}
            onClick={confirmApply}
            loading={applyPreset.isPending}
            data-testid="preset-apply"
          >
            {current ? t('slaPresets.reapply') : t('slaPresets.apply')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

/** 服务方案: the five seed SOPs' service levels, each applicable in one step. */
export function SlaPresetsPage() {
  const { t } = useTranslation();
  const presets = useSlaPresets();

  return (
    <>
      <PageHeader title={t('slaPresets.title')} description={t('slaPresets.intro')} />
      {presets.isError && !presets.data ? (
        <LoadFailed error={presets.error} onRetry={() => void presets.refetch()} />
      ) : !presets.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Row gutter={[16, 16]}>
          {presets.data.items.map((preset) => (
            <Col key={preset.id} xs={24} lg={12} xxl={8}>
              <PresetCard preset={preset} current={preset.id === presets.data.currentPresetId} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
