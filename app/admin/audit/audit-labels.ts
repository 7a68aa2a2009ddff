import { zhCN } from '@app/i18n/zh-CN';
import type { TFunction } from 'i18next';

type ActionNames = typeof zhCN.audit.actionNames;
type KnownAuditAction = {
  [Group in keyof ActionNames]: `${Group & string}.${keyof ActionNames[Group] & string}`;
}[keyof ActionNames];
type KnownTargetType = keyof typeof zhCN.audit.targetTypes;

function isKnownAuditAction(action: string): action is KnownAuditAction {
  const [group = '', name = ''] = action.split('.');
  const names: Record<string, Record<string, string>> = zhCN.audit.actionNames;
  return Object.hasOwn(names, group) && Object.hasOwn(names[group] ?? {}, name);
}

/** `user.created` → 创建用户; actions added to the server later show as their raw name until translated. */
export const auditActionLabel = (t: TFunction, action: string): string =>
  isKnownAuditAction(action) ? t(`audit.actionNames.${action}`) : action;

export const auditTargetTypeLabel = (t: TFunction, targetType: string): string =>
  Object.hasOwn(zhCN.audit.targetTypes, targetType)
    ? t(`audit.targetTypes.${targetType as KnownTargetType}`)
    : targetType;

/** Failures and lockouts stand out, creations are green, logins and removals stay plain. */
export function auditActionColor(action: string): string | undefined {
  if (action === 'auth.account_locked') return 'red';
  if (action === 'auth.login_failed') return 'orange';
  if (action.endsWith('.created')) return 'green';
  if (action.startsWith('auth.') || /\.(deleted|revoked|deactivated)$/.test(action)) return undefined;
  return 'blue';
}
