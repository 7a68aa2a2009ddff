import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

/** The server's rule for 工号 (server/users/schema.ts), checked before sending. */
export const employeeNoRules = (t: TFunction): FormRule[] => [
  { pattern: /^[A-Za-z0-9_-]+$/, message: t('users.employeeNoFormat') },
  { max: 32 },
];
