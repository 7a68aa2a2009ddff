/**
 * 企业微信 微信客服 (WeCom customer service for WeChat users). WeCom calls the webhook URL to verify it (GET, an
 * encrypted echostr) and to say that a 客服账号 has news (POST, an encrypted `kf_msg_or_event` notice); the
 * messages themselves are pulled with `kf/sync_msg` (sync.ts) after answering `success` — WeCom wants an answer
 * within 5 seconds. Replies go out through `kf/send_msg` (send.ts). See docs/wecom-kf.en.md.
 */
import { HttpProblem } from '@server/http/problem';
import type { PlatformAdapter, PlatformDeps, PlatformRequest, PlatformResponse } from '../platform/contract';
import { type ChannelAccount, loadChannelAccount } from '../repo';
import {
  decryptMessage,
  messageSignature,
  signaturesMatch,
  WechatCryptoError,
} from '../wechat-crypto/crypto';
import { WecomClient, wecomSettingsOf } from './client';
import { parseWecomCallback, WecomParseError } from './parse';
import { sendWecomReply } from './send';
import { wecomKfCredentials } from './settings';
import { WecomKfSync } from './sync';

/** A callback whose timestamp is further than this from now is refused (a replay, or a badly wrong clock). */
const TIMESTAMP_WINDOW_SECONDS = 300;

const text = (body: string): PlatformResponse => ({
  status: 200,
  contentType: 'text/plain; charset=utf-8',
  body,
});

export function createWecomKfAdapter(deps: PlatformDeps): PlatformAdapter {
  const client = new WecomClient(deps);
  const sync = new WecomKfSync(deps, client);
  let catchUp: Promise<void> | null = null;

  /** Checks the msg_signature and the timestamp, and opens the ciphertext sent to this CorpID. */
  function open(request: PlatformRequest, account: ChannelAccount, encrypted: string): string {
    const credentials = wecomKfCredentials.safeParse(account.credentials);
    if (!credentials.success)
      throw new HttpProblem(401, 'not_configured', 'The callback Token and EncodingAESKey are not set');
    const { msg_signature: signature, timestamp = '', nonce = '' } = request.query;
    const sentAt = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
    if (!(Math.abs(Date.now() / 1000 - sentAt) <= TIMESTAMP_WINDOW_SECONDS)) {
      throw new HttpProblem(401, 'stale_timestamp', 'The callback timestamp is missing or too far from now');
    }
    const expected = messageSignature(credentials.data.token, timestamp, nonce, encrypted);
    if (!signaturesMatch(expected, signature))
      throw new HttpProblem(401, 'bad_signature', 'The msg_signature does not match');
    const keys = [credentials.data.encodingAesKey, credentials.data.previousEncodingAesKey].filter(
      (key): key is string => !!key,
    );
    try {
      return decryptMessage(encrypted, { encodingAesKeys: keys, receiveId: wecomSettingsOf(account).corpId })
        .message;
    } catch (error) {
      if (error instanceof WechatCryptoError) {
        throw new HttpProblem(
          401,
          'undecryptable',
          `The callback cannot be opened for this CorpID (${error.reason})`,
        );
      }
      throw error;
    }
  }

  function parse(xml: string) {
    try {
      return parseWecomCallback(xml);
    } catch (error) {
      if (error instanceof WecomParseError) throw new HttpProblem(400, 'bad_callback', error.message);
      throw error;
    }
  }

  /** Every enabled 微信客服 account, and each 客服账号 it has read from before or is set to serve. */
  async function catchUpAll(): Promise<void> {
    const rows = await deps.db
      .selectFrom('channel_accounts')
      .select('id')
      .where('kind', '=', 'wecom_kf')
      .where('enabled', '=', true)
      .execute();
    for (const { id } of rows) {
      const account = await loadChannelAccount(deps.db, deps.intake.vault.keyring, id);
      if (!account) continue;
      const cursors = await deps.db
        .selectFrom('platform_sync_cursors')
        .select('scope')
        .where('workspace_id', '=', account.row.workspace_id)
        .where('channel_account_id', '=', id)
        .execute();
      const scopes = new Set(cursors.map((row) => row.scope));
      const { openKfId } = wecomSettingsOf(account);
      if (openKfId) scopes.add(openKfId);
      await Promise.all([...scopes].map((scope) => sync.trigger(account, scope, null)));
    }
  }

  return {
    kind: 'wecom_kf',
    receive() {
      throw new HttpProblem(404, 'not_found', 'WeCom messages arrive through the platform webhook');
    },

    async webhook(request, account) {
      if (request.method === 'GET') {
        const echo = request.query.echostr;
        if (!echo) throw new HttpProblem(400, 'no_echostr', 'The URL check has no echostr');
        return text(open(request, account, echo));
      }
      const envelope = parse(request.body.toString('utf8'));
      if (envelope.kind !== 'envelope')
        throw new HttpProblem(400, 'not_encrypted', 'The callback is not encrypted');
      const notice = parse(open(request, account, envelope.encrypt));
      if (notice.kind !== 'notice')
        throw new HttpProblem(400, 'bad_callback', 'The decrypted callback is not an event');
      const { openKfId: servedKfId } = wecomSettingsOf(account);
      if (
        notice.event === 'kf_msg_or_event' &&
        notice.openKfId &&
        (!servedKfId || servedKfId === notice.openKfId)
      ) {
        // Answered before the sync: the messages are committed by the sync, and WeCom waits only 5 seconds.
        void sync.trigger(account, notice.openKfId, notice.token || null);
      }
      return text('success');
    },

    send(message, account, options) {
      return sendWecomReply(client, account, message, options.timeoutMs);
    },

    async testConnection(account) {
      try {
        const answer = await client.listAccounts(account);
        if (answer.errcode !== 0)
          return { ok: false, detail: `kf/account/list: ${answer.errcode} ${answer.errmsg}` };
        const list = Array.isArray(answer.body.account_list) ? answer.body.account_list : [];
        const ids = list
          .map((entry) => (entry as { open_kfid?: unknown }).open_kfid)
          .filter((v) => typeof v === 'string');
        const { openKfId } = wecomSettingsOf(account);
        if (openKfId && !ids.includes(openKfId)) {
          return {
            ok: false,
            detail: `access_token 已获取，但没有客服账号 ${openKfId}（可用：${ids.join(', ') || '无'}）`,
          };
        }
        return { ok: true, detail: `access_token 已获取；客服账号 ${openKfId || ids.join(', ') || '无'}` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },

    start() {
      catchUp ??= catchUpAll().catch((error: Error) => {
        deps.log.warn({ error: error.name }, 'wecom_kf catch-up failed');
      });
    },

    async stop() {
      await sync.stop();
      await catchUp;
    },
  };
}
