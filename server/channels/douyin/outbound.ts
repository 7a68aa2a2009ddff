/**
 * An agent's reply through Douyin: checked against the 48-hour / 5-reply rule first, then sent as a text reply
 * and one image reply per picture, each with a msg_id derived from the outbox's idempotency key. A token the
 * platform calls invalid is dropped for every process and the call is made once more with a fresh one.
 */
import type { OutboundMessage, SendResult } from '../adapter';
import { TokenFetchError } from '../platform/access-tokens';
import type { PlatformDeps } from '../platform/contract';
import type { ChannelAccount } from '../repo';
import {
  fetchDouyinToken,
  type ReplyAddress,
  type ReplyOutcome,
  replyImage,
  replyMsgId,
  replyText,
} from './client';
import { refusalMeaning, replyAllowance } from './reply-rules';
import { type DouyinSettings, douyinSettings } from './settings';

const PICTURE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * The conversation's last customer message and the replies that count against its five, by the rule the agent's
 * reply-window view uses (platform/reply-window.ts): deliveries created after that message and not failed. Only
 * those created before this one count, so a burst of queued replies is judged in the order the agent wrote them —
 * the sixth is refused, as the agent was shown when writing it, and the first is not held back by the later ones.
 */
async function replyHistory(deps: PlatformDeps, account: ChannelAccount, idempotencyKey: string) {
  const workspaceId = account.row.workspace_id;
  const delivery = await deps.db
    .selectFrom('outbound_deliveries as d')
    .innerJoin('channel_conversations as c', (join) =>
      join.onRef('c.id', '=', 'd.conversation_id').onRef('c.workspace_id', '=', 'd.workspace_id'),
    )
    .select(['d.id', 'd.conversation_id', 'd.created_at', 'c.last_inbound_at'])
    .where('d.workspace_id', '=', workspaceId)
    .where('d.idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  if (!delivery?.last_inbound_at) return { lastInboundAt: null, repliesSinceLastInbound: 0 };
  const counted = await deps.db
    .selectFrom('outbound_deliveries')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', delivery.conversation_id)
    .where('created_at', '>', delivery.last_inbound_at)
    .where('state', '!=', 'failed')
    .where('id', '!=', delivery.id)
    .where((eb) =>
      eb.or([
        eb('created_at', '<', delivery.created_at),
        eb.and([eb('created_at', '=', delivery.created_at), eb('id', '<', delivery.id)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return { lastInboundAt: delivery.last_inbound_at, repliesSinceLastInbound: Number(counted.n) };
}

type Part = (token: string, timeoutMs: number) => Promise<ReplyOutcome>;

function partsOf(message: OutboundMessage, settings: DouyinSettings): Part[] {
  const createTime = Math.floor(message.createdAt.getTime() / 1000);
  const address = (part: string): ReplyAddress => ({
    conversationId: message.conversationId,
    msgId: replyMsgId(message.idempotencyKey, part),
    createTime,
  });
  const parts: Part[] = [];
  if (message.text.trim()) {
    parts.push((token, timeoutMs) => replyText(settings, token, address('text'), message.text, timeoutMs));
  }
  message.attachments.forEach((file, index) => {
    parts.push((token, timeoutMs) =>
      replyImage(
        settings,
        token,
        address(`image-${index}`),
        {
          filename: file.filename,
          contentType: file.contentType,
          content: Buffer.from(file.contentBase64, 'base64'),
        },
        timeoutMs,
      ),
    );
  });
  return parts;
}

export async function sendDouyinReply(
  deps: PlatformDeps,
  message: OutboundMessage,
  account: ChannelAccount,
  options: { timeoutMs: number },
): Promise<SendResult> {
  const settings = douyinSettings.parse(account.row.settings);
  const unsendable = message.attachments.find((file) => !PICTURE_TYPES.has(file.contentType));
  if (unsendable) {
    return {
      ok: false,
      code: 'rejected',
      message: 'Douyin customer service carries only text and pictures (JPEG, PNG, GIF, WebP)',
      permanent: true,
    };
  }
  const allowance = replyAllowance({
    ...(await replyHistory(deps, account, message.idempotencyKey)),
    now: new Date(),
  });
  if (!allowance.allowed) {
    return { ok: false, code: allowance.code, message: allowance.message, permanent: true };
  }
  const fetchToken = () => fetchDouyinToken(settings, account.credentials.appSecret ?? '', options.timeoutMs);
  let platformMessageId: string | null = null;
  for (const part of partsOf(message, settings)) {
    let outcome: ReplyOutcome;
    try {
      let token = await deps.tokens.get(account, fetchToken);
      outcome = await part(token, options.timeoutMs);
      if (
        outcome.kind === 'refused' &&
        refusalMeaning(outcome.errNo, outcome.message).kind === 'token_expired'
      ) {
        await deps.tokens.invalidate(account, token);
        token = await deps.tokens.get(account, fetchToken);
        outcome = await part(token, options.timeoutMs);
      }
    } catch (error) {
      // No token could be had: refused credentials are the admin's to fix, anything else passes.
      const code = error instanceof TokenFetchError ? 'rejected' : 'transient';
      const detail = error instanceof Error ? error.message : 'token fetch failed';
      return { ok: false, code, message: `access_token: ${detail}`, permanent: code === 'rejected' };
    }
    if (outcome.kind === 'unreachable') {
      return {
        ok: false,
        code: 'transient',
        message: `Douyin unreachable: ${outcome.message}`,
        permanent: false,
      };
    }
    if (outcome.kind === 'refused') {
      const meaning = refusalMeaning(outcome.errNo, outcome.message);
      const failure = meaning.kind === 'failure' ? meaning : { code: 'rejected' as const, permanent: true };
      deps.log.warn(
        { accountId: account.row.id, errNo: outcome.errNo, code: failure.code },
        'douyin reply refused',
      );
      return {
        ok: false,
        code: failure.code,
        message: `Douyin err_no ${outcome.errNo}: ${outcome.message}`,
        permanent: failure.permanent,
      };
    }
    platformMessageId ??= outcome.platformMessageId;
  }
  return { ok: true, platformMessageId };
}
