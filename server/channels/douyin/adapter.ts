/**
 * 抖音小程序 / 小游戏 customer service through the 抖音客服平台: pushes arrive at the webhook URL (inbound.ts), replies
 * go out through the reply OpenAPI within Douyin's 48-hour / 5-reply rule (outbound.ts). See docs/douyin.en.md.
 */
import { HttpProblem } from '@server/http/problem';
import { TokenFetchError } from '../platform/access-tokens';
import type { PlatformAdapter, PlatformDeps } from '../platform/contract';
import { fetchDouyinToken } from './client';
import { handleDouyinWebhook } from './inbound';
import { sendDouyinReply } from './outbound';
import { douyinSettings } from './settings';

export function createDouyinAdapter(deps: PlatformDeps): PlatformAdapter {
  return {
    kind: 'douyin',
    receive() {
      throw new HttpProblem(404, 'unknown_channel', 'Douyin messages arrive through the platform webhook');
    },
    webhook: (request, account) => handleDouyinWebhook(deps, request, account),
    send: (message, account, options) => sendDouyinReply(deps, message, account, options),
    async testConnection(account) {
      const settings = douyinSettings.parse(account.row.settings);
      try {
        // Through the shared cache: fetching anew would cut the token other processes are using to 5 minutes.
        await deps.tokens.get(account, () => fetchDouyinToken(settings, account.credentials.appSecret ?? ''));
        return { ok: true, detail: 'access_token 已获取' };
      } catch (error) {
        if (error instanceof TokenFetchError) {
          return { ok: false, detail: `err_no ${error.code ?? 'unknown'}: ${error.message}` };
        }
        return { ok: false, detail: `Douyin unreachable: ${error instanceof Error ? error.name : 'error'}` };
      }
    },
  };
}
