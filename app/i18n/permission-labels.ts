import type { TFunction } from 'i18next';
import { zhCN } from './zh-CN';

type KnownResource = keyof typeof zhCN.resources;
type KnownAction = keyof typeof zhCN.actions;

// The permission table grows with each new domain; until its words are translated, the raw name still reads.
const isKnownResource = (resource: string): resource is KnownResource =>
  Object.hasOwn(zhCN.resources, resource);
const isKnownAction = (action: string): action is KnownAction => Object.hasOwn(zhCN.actions, action);

export const resourceLabel = (t: TFunction, resource: string): string =>
  isKnownResource(resource) ? t(`resources.${resource}`) : resource;

export const actionLabel = (t: TFunction, action: string): string =>
  isKnownAction(action) ? t(`actions.${action}`) : action;

/** `users:create` → 用户 · 新建 */
export function permissionLabel(t: TFunction, permission: string): string {
  const [resource = '', action = ''] = permission.split(':');
  return `${resourceLabel(t, resource)} · ${actionLabel(t, action)}`;
}
