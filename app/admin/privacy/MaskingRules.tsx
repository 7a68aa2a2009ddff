import type { PiiKind, PrivacySettings } from '@app/api/types';
import { PII_KINDS } from '@app/privacy/pii-kinds';
import { Checkbox, Col, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

// The server's limit on a template's length.
const FORMAT_MAX_LENGTH = 40;

/** One row per kind: whether it is masked, its template (empty = built-in), and how a sample looks now. */
export function MaskingRules({ examples }: { examples: PrivacySettings['examples'] }) {
  const { t } = useTranslation();
  const header = (label: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {label}
    </Typography.Text>
  );

  return (
    <>
      <Typography.Paragraph type="secondary">{t('privacy.settings.formatHelp')}</Typography.Paragraph>
      <Row gutter={12} style={{ marginBottom: 8 }}>
        <Col span={6}>{header(t('privacy.settings.kind'))}</Col>
        <Col span={10}>{header(t('privacy.settings.format'))}</Col>
        <Col span={8}>{header(t('privacy.settings.example'))}</Col>
      </Row>
      {PII_KINDS.map((kind: PiiKind) => (
        <Row key={kind} gutter={12} align="top" data-testid={`privacy-kind-${kind}`}>
          <Col span={6}>
            <Form.Item name={['masked', kind]} valuePropName="checked" style={{ marginBottom: 12 }}>
              <Checkbox>{t(`privacy.kinds.${kind}`)}</Checkbox>
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name={['maskFormats', kind]} style={{ marginBottom: 12 }}>
              <Input
                allowClear
                maxLength={FORMAT_MAX_LENGTH}
                placeholder={t(`privacy.settings.defaults.${kind}`)}
                aria-label={`${t(`privacy.kinds.${kind}`)} ${t('privacy.settings.format')}`}
              />
            </Form.Item>
          </Col>
          <Col span={8} style={{ paddingTop: 5 }}>
            <Typography.Text code>{examples[kind]}</Typography.Text>
          </Col>
        </Row>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('privacy.settings.exampleHint')}
      </Typography.Text>
    </>
  );
}
