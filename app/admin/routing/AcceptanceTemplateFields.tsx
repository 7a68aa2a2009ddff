import { LOCALES } from '@shared/roles';
import { Col, Flex, Form, Input, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MESSAGE_PLACEHOLDERS } from './RuleActionsField';
import { fillSample } from './settings-form';

/**
 * 需求已受理，由{坐席}（工号{工号}）为您跟进，工单号{编号}: one template per language, the customer gets the
 * workspace's. Each shows what a customer would read.
 */
export function AcceptanceTemplateFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const templates = Form.useWatch('acceptanceTemplate', form) as Record<string, string> | undefined;

  return (
    <>
      <Flex gap={4} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('riskSettings.acceptance.placeholders')}
        </Typography.Text>
        {MESSAGE_PLACEHOLDERS.map((placeholder) => (
          <Tag key={placeholder} style={{ fontFamily: 'monospace' }}>
            {placeholder}
          </Tag>
        ))}
      </Flex>
      <Row gutter={16}>
        {LOCALES.map((locale) => (
          <Col xs={24} md={12} key={locale}>
            <Form.Item
              name={['acceptanceTemplate', locale]}
              label={t(`riskSettings.acceptance.language.${locale}`)}
              rules={[{ required: true, whitespace: true, message: t('riskSettings.acceptance.required') }]}
              extra={
                templates?.[locale]
                  ? t('riskSettings.acceptance.preview', { text: fillSample(templates[locale]) })
                  : undefined
              }
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 5 }}
                maxLength={1000}
                data-testid={`acceptance-template-${locale}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </>
  );
}
