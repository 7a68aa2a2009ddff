/**
 * The messaging-platform adapters, built once with the app's services: the webhook route and the outbox use the
 * same instances.
 */
import { createDouyinAdapter } from './douyin/adapter';
import type { PlatformAdapter, PlatformDeps } from './platform/contract';
import type { PlatformKindName } from './platform/kinds';
import { createWechatOaAdapter } from './wechat-oa/adapter';
import { createWecomKfAdapter } from './wecom-kf/adapter';
import { createWhatsappAdapter } from './whatsapp/adapter';

export function createPlatformAdapters(deps: PlatformDeps): Record<PlatformKindName, PlatformAdapter> {
  return {
    wechat_oa: createWechatOaAdapter(deps),
    wecom_kf: createWecomKfAdapter(deps),
    whatsapp: createWhatsappAdapter(deps),
    douyin: createDouyinAdapter(deps),
  };
}
