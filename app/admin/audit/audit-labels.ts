import { zhCN } from '@app/i18n/zh-CN';
import type { TFunction } from 'i18next';

type ActionNames = typeof zhCN.audit.actionNames;
type KnownAuditAction = {
  [Group in keyof ActionNames]: `${Group & string}.${keyof ActionNames[Group] & string}`;
}[keyof ActionNames];
type KnownTargetType = keyof typeof zhCN.audit.targetTypes;
type KnownGroup = keyof typeof zhCN.audit.groups;

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

/** `pii` → 个人信息: the name of a group of actions in the filter. */
export const auditGroupLabel = (t: TFunction, group: string): string =>
  Object.hasOwn(zhCN.audit.groups, group) ? t(`audit.groups.${group as KnownGroup}`) : group;

/**
 * Failures, lockouts and erasures stand out, access to personal data is purple, creations are green, logins and
 * removals stay plain.
 */
export function auditActionColor(action: string): string | undefined {
  if (action === 'auth.account_locked' || action === 'pii.customer_erased') return 'red';
  if (action === 'auth.login_failed' || action === 'pii.reveal_denied') return 'orange';
  if (action.startsWith('pii.')) return 'purple';
  if (action.endsWith('.created')) return 'green';
  if (action.startsWith('auth.') || /\.(deleted|revoked|deactivated)$/.test(action)) return undefined;
  return 'blue';
}
