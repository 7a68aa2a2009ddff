// Placeholder until the adapter is written: answers every call with 501, so nothing is acknowledged.
import { HttpProblem } from '@server/http/problem';
import type { PlatformAdapter, PlatformDeps } from '../platform/contract';

export function createWechatOaAdapter(_deps: PlatformDeps): PlatformAdapter {
  const unavailable = () =>
    new HttpProblem(501, 'not_implemented', 'This platform adapter is not written yet');
  return {
    kind: 'wechat_oa',
    receive() {
      throw unavailable();
    },
    async webhook() {
      throw unavailable();
    },
    async send() {
      return { ok: false, code: 'rejected', message: 'Not written yet', permanent: true };
    },
    async testConnection() {
      return { ok: false, detail: 'Not written yet' };
    },
  };
}
