import type { AuditEvent } from '@app/api/types';
import { isLocale } from '@app/i18n';
import { ROLES, type Role } from '@shared/roles';
import { Flex, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PersonalDataAccessDetail } from './PersonalDataAccessDetail';

const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

function formatValue(t: TFunction, value: unknown): string {
  if (isRole(value)) return t(`roles.${value}`);
  if (isLocale(value)) return value;
  if (Array.isArray(value)) return value.map((item) => formatValue(t, item)).join(', ');
  if (value && typeof value === 'object') {
    const { from, to, ...rest } = value as Record<string, unknown>;
    // A change recorded as { from, to } (a role change) reads best as an arrow.
    if (from !== undefined && to !== undefined && Object.keys(rest).length === 0) {
      return `${formatValue(t, from)} → ${formatValue(t, to)}`;
    }
    return Object.entries(value)
      .map(([key, inner]) => `${key}: ${formatValue(t, inner)}`)
      .join(', ');
  }
  return String(value);
}

const PERSONAL_DATA_ACCESS = ['pii.revealed', 'pii.reveal_denied'];

/** The event's detail object as short `key: value` lines, roles translated; reveals of personal data read as such. */
export function AuditDetail({ action, detail }: { action: string; detail: AuditEvent['detail'] }) {
  const { t } = useTranslation();
  if (PERSONAL_DATA_ACCESS.includes(action)) return <PersonalDataAccessDetail detail={detail} />;
  const entries = Object.entries(detail);
  if (entries.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Flex vertical style={{ maxWidth: 360 }}>
      {entries.map(([key, value]) => (
        <Typography.Text key={key} type="secondary" style={{ fontSize: 12 }}>
          {key}: {formatValue(t, value)}
        </Typography.Text>
      ))}
    </Flex>
  );
}
