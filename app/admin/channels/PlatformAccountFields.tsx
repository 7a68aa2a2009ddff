import type { ChannelAccount } from '@app/api/types';
import { Button, Collapse, Form, Input, InputNumber, type InputRef, Radio, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import { type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FIELD_PATTERNS,
  generateVerifyToken,
  PLATFORM_FORMS,
  type PlatformField,
  type PlatformKindName,
} from './platform-fields';

/** Labels and help texts of one platform, as its console names the values. */
function usePlatformTexts(kind: PlatformKindName) {
  const { t } = useTranslation();
  const labels: Record<string, string> = t(`channelAccounts.platforms.fields.${kind}`, {
    returnObjects: true,
  });
  const help: Record<string, string> = t(`channelAccounts.platforms.help.${kind}`, { returnObjects: true });
  return { label: (name: string) => labels[name] ?? name, help: (name: string) => help[name] };
}

/** Shown in clear: the admin copies it into Meta's webhook settings. */
function VerifyTokenInput({
  value,
  onChange,
  placeholder,
  ref,
  id,
}: {
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  /** Lets the form find the field to show the server's complaint under it. */
  ref?: Ref<InputRef>;
  id?: string;
}) {
  const { t } = useTranslation();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        ref={ref}
        id={id}
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange?.(event.target.value)}
        autoComplete="off"
      />
      <Button onClick={() => onChange?.(generateVerifyToken())} data-testid="generate-verify-token">
        {t('channelAccounts.platforms.generate')}
      </Button>
    </Space.Compact>
  );
}

/**
 * One platform's settings and secrets. Secrets are write-only: when one is stored its input stays empty with
 * "已保存" as placeholder, and an empty input keeps the stored value.
 */
export function PlatformAccountFields({
  kind,
  account,
}: {
  kind: PlatformKindName;
  account: ChannelAccount | null;
}) {
  const { t } = useTranslation();
  const texts = usePlatformTexts(kind);
  const stored = new Set(account?.credentialsSet ?? []);
  const form = PLATFORM_FORMS[kind];
  const [advancedOpen, setAdvancedOpen] = useState(false);

  const rulesOf = (field: PlatformField): Rule[] => {
    // A list's `max` would count its items; the server caps those.
    const rules: Rule[] = field.input === 'keys' ? [] : [{ max: field.maxLength }];
    const isStoredSecret = field.group === 'credentials' && stored.has(field.name);
    if (field.required && !isStoredSecret) {
      rules.push({
        required: true,
        whitespace: true,
        message: t('channelAccounts.platforms.required', { label: texts.label(field.name) }),
      });
    }
    if (field.rule) {
      rules.push({
        pattern: FIELD_PATTERNS[field.rule],
        message: t(`channelAccounts.platforms.rules.${field.rule}`),
        transform: (value: string | undefined) => value?.trim(),
      });
    }
    // WeChat decrypts nothing in plaintext mode; the other two modes cannot work without the key.
    if (kind === 'wechat_oa' && field.name === 'encodingAesKey' && !isStoredSecret) {
      rules.push(({ getFieldValue }) => ({
        validator: (_rule, value: string | undefined) =>
          getFieldValue(['settings', 'encryption']) !== 'plaintext' && !value?.trim()
            ? Promise.reject(new Error(t('channelAccounts.platforms.aesKeyRequired')))
            : Promise.resolve(),
      }));
    }
    return rules;
  };

  const inputOf = (field: PlatformField) => {
    const placeholder =
      field.group === 'credentials' && stored.has(field.name)
        ? t('channelAccounts.platforms.secretSaved')
        : field.placeholder;
    switch (field.input) {
      case 'secret':
        return <Input.Password placeholder={placeholder} autoComplete="new-password" />;
      case 'generated':
        return <VerifyTokenInput placeholder={placeholder} />;
      case 'textarea':
        return (
          <Input.TextArea
            placeholder={placeholder}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={field.maxLength}
            showCount
          />
        );
      case 'encryption':
        return (
          <Radio.Group
            options={(['plaintext', 'compatible', 'safe'] as const).map((mode) => ({
              value: mode,
              label: t(`channelAccounts.platforms.encryption.${mode}`),
            }))}
          />
        );
      case 'keys':
        // Typed, not picked: the keys are whatever the menu was configured with on the platform.
        return (
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，', ' ']}
            maxCount={20}
          />
        );
      default:
        return <Input placeholder={placeholder} autoComplete="off" />;
    }
  };

  const item = (field: PlatformField) => (
    <Form.Item
      key={`${field.group}.${field.name}`}
      name={[field.group, field.name]}
      label={
        field.name === 'apiBaseUrl' ? t('channelAccounts.platforms.apiBaseUrl') : texts.label(field.name)
      }
      extra={
        field.name === 'apiBaseUrl' ? t('channelAccounts.platforms.apiBaseUrlHelp') : texts.help(field.name)
      }
      rules={rulesOf(field)}
      dependencies={field.name === 'encodingAesKey' ? [['settings', 'encryption']] : undefined}
    >
      {inputOf(field)}
    </Form.Item>
  );

  const advancedNames = [...form.advanced.map((field) => [field.group, field.name]), ['rateLimitPerSecond']];

  return (
    <>
      {form.fields.map(item)}
      {/* Unfolds by itself when one of its fields is wrong, so the complaint is not hidden under the fold. */}
      <Form.Item noStyle shouldUpdate>
        {({ getFieldsError }) => {
          const advancedWrong = getFieldsError(advancedNames).some((entry) => entry.errors.length > 0);
          return (
            <Collapse
              size="small"
              ghost
              activeKey={advancedOpen || advancedWrong ? ['advanced'] : []}
              onChange={(keys) => setAdvancedOpen(keys.includes('advanced'))}
              items={[
                {
                  key: 'advanced',
                  label: t('channelAccounts.platforms.advanced'),
                  // Rendered while folded, so the server's complaint about a base URL still finds its field.
                  forceRender: true,
                  children: (
                    <>
                      {form.advanced.map(item)}
                      <Form.Item
                        name="rateLimitPerSecond"
                        label={t('channelAccounts.rateLimit')}
                        rules={[{ required: true }]}
                      >
                        <InputNumber
                          min={1}
                          max={1000}
                          precision={0}
                          suffix={t('channelAccounts.perSecond')}
                        />
                      </Form.Item>
                    </>
                  ),
                },
              ]}
            />
          );
        }}
      </Form.Item>
    </>
  );
}
