/**
 * Reading a 客服账号's messages with `kf/sync_msg`: WeCom's callback only says "there is something new", the
 * messages are pulled from a cursor that is persisted after every committed page. WeCom keeps messages 3 days, so
 * a lost cursor would lose messages; a cursor saved before the commit could skip them. One sync per account and
 * 客服账号 runs at a time in this process; across processes the saved cursor and the intake's dedupe on msgid keep
 * the outcome exact (a page read twice is answered `duplicate`).
 */
import type { InboundMessage } from '@server/intake/inbound-message';
import { recordPlatformReceipts } from '@server/outbox/deliveries';
import type { PlatformDeps } from '../platform/contract';
import { readSyncCursor, saveSyncCursor } from '../platform/sync-cursors';
import type { ChannelAccount } from '../repo';
import { type WecomClient, wecomSettingsOf } from './client';
import { attachMedia } from './media';
import { ORIGIN, type WecomContent, type WecomSyncedMessage } from './parse';
import { conversationIdOf } from './send';

/** `msg_send_fail`'s fail_type, as WeCom documents it, in the agent's terms. */
const SEND_FAIL_REASONS: Record<number, { code: string; why: string }> = {
  0: { code: 'rejected', why: '企业微信未能送达（原因未知）' },
  1: { code: 'rejected', why: '客服账号已删除' },
  2: { code: 'rejected', why: '应用已关闭' },
  4: { code: 'window_expired', why: '会话已过期，超过 48 小时' },
  5: { code: 'window_expired', why: '会话已关闭' },
  6: { code: 'quota_exhausted', why: '超过 5 条限制' },
  10: { code: 'blocked', why: '客户拒收了消息' },
};

/** The most `kf/sync_msg` returns per call. */
const PAGE_LIMIT = 1000;
/** A sync stops after this many pages and goes on at the next callback (or restart): no endless loop. */
const MAX_PAGES = 200;
/** Welcome codes already used, remembered for a while (a code is valid 20 seconds and usable once). */
const REMEMBERED_WELCOME_CODES = 2000;

interface Pending {
  account: ChannelAccount;
  token: string | null;
}

export class WecomKfSync {
  /** account id + open_kfid → the sync running for it. */
  private readonly running = new Map<string, Promise<void>>();
  /** A sync asked for while one runs: run once more afterwards, with the newest callback token. */
  private readonly queued = new Map<string, Pending>();
  private readonly welcomed = new Set<string>();
  private stopping = false;

  constructor(
    private readonly deps: Pick<PlatformDeps, 'db' | 'intake' | 'log' | 'poke'>,
    private readonly client: WecomClient,
  ) {}

  /** Starts (or queues) a sync of one 客服账号 in the background; resolves when that sync has ended. */
  trigger(account: ChannelAccount, openKfId: string, token: string | null): Promise<void> {
    const key = `${account.row.id}:${openKfId}`;
    const current = this.running.get(key);
    if (current) {
      this.queued.set(key, { account, token });
      return current;
    }
    const run = (async () => {
      let next: Pending | undefined = { account, token };
      while (next && !this.stopping) {
        this.queued.delete(key);
        try {
          await this.syncAccount(next.account, openKfId, next.token);
        } catch (error) {
          // The cursor stays where the last committed page left it; the next callback or restart goes on from there.
          this.deps.log.warn(
            {
              accountId: account.row.id,
              openKfId,
              error: (error as Error).name,
              reason: (error as Error).message,
            },
            'wecom_kf sync failed',
          );
        }
        next = this.queued.get(key);
      }
    })().finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  /** Waits for the running syncs; no new page is started. */
  async stop(): Promise<void> {
    this.stopping = true;
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async syncAccount(account: ChannelAccount, openKfId: string, token: string | null): Promise<void> {
    const key = { workspaceId: account.row.workspace_id, channelAccountId: account.row.id, scope: openKfId };
    let cursor = await readSyncCursor(this.deps.db, key);
    for (let page = 0; page < MAX_PAGES && !this.stopping; page++) {
      const answer = await this.client.syncMsg(account, { cursor, token, openKfId, limit: PAGE_LIMIT });
      if (!answer.ok) {
        this.deps.log.warn(
          { accountId: account.row.id, openKfId, errcode: answer.errcode },
          'wecom_kf sync_msg refused',
        );
        return;
      }
      if (answer.unreadable > 0) {
        this.deps.log.warn(
          { accountId: account.row.id, count: answer.unreadable },
          'wecom_kf messages unreadable',
        );
      }
      const forThisAccount = answer.messages.filter(
        (message) => !message.openKfId || message.openKfId === openKfId,
      );
      const inbound = await attachMedia(
        this.client,
        account,
        forThisAccount
          .filter((message) => message.origin === ORIGIN.customer && message.externalUserId)
          .map((synced) => ({ synced, inbound: inboundOf(account, openKfId, synced) })),
      );
      // Acknowledged = committed: the cursor moves past these messages only once they are stored.
      if (inbound.length > 0) await this.deps.intake.accept(inbound);
      await this.answerEvents(account, forThisAccount);
      if (answer.nextCursor && answer.nextCursor !== cursor) {
        await saveSyncCursor(this.deps.db, key, answer.nextCursor);
        cursor = answer.nextCursor;
      }
      if (!answer.hasMore) return;
    }
  }

  /**
   * origin 4, WeCom's own events: a customer entering the session gets the workspace's welcome (once per
   * welcome_code). origin 5, a servicer writing from the WeCom client, is not the customer and is not stored.
   */
  private async answerEvents(account: ChannelAccount, messages: WecomSyncedMessage[]): Promise<void> {
    const { welcomeMessage } = wecomSettingsOf(account);
    for (const message of messages) {
      if (message.origin !== ORIGIN.system || message.content.type !== 'event') continue;
      const event = message.content.event;
      if (event.eventType === 'msg_send_fail') {
        this.deps.log.info(
          { accountId: account.row.id, failType: event.failType },
          'wecom_kf message not delivered',
        );
        await this.markUndelivered(account, event.failMsgId, event.failType);
      }
      if (event.eventType !== 'enter_session' || !event.welcomeCode || !welcomeMessage) continue;
      if (this.welcomed.has(event.welcomeCode)) continue;
      this.remember(event.welcomeCode);
      try {
        const answer = await this.client.sendOnEvent(account, event.welcomeCode, welcomeMessage);
        if (answer.errcode !== 0) {
          this.deps.log.info(
            { accountId: account.row.id, errcode: answer.errcode },
            'wecom_kf welcome refused',
          );
        }
      } catch (error) {
        this.deps.log.warn(
          { accountId: account.row.id, error: (error as Error).name },
          'wecom_kf welcome not sent',
        );
      }
    }
  }

  /**
   * WeCom took a reply (kf/send_msg answered 0) and could not deliver it after all: the agent's "sent" becomes
   * "failed" with WeCom's reason. The msgid is ours (send.ts derives it), so it names the delivery.
   */
  private async markUndelivered(account: ChannelAccount, failMsgId: string, failType: number | null) {
    if (!failMsgId) return;
    const reason = SEND_FAIL_REASONS[failType ?? 0] ?? SEND_FAIL_REASONS[0];
    const updated = await recordPlatformReceipts(this.deps.db, {
      workspaceId: account.row.workspace_id,
      channelAccountId: account.row.id,
      receipts: [
        {
          platformMessageId: failMsgId,
          status: 'failed',
          reason: reason?.code,
          detail: `${reason?.why} (fail_type ${failType ?? 0})`,
        },
      ],
    });
    if (updated > 0) this.deps.poke(account.row.workspace_id);
  }

  private remember(welcomeCode: string) {
    this.welcomed.add(welcomeCode);
    if (this.welcomed.size > REMEMBERED_WELCOME_CODES) {
      const oldest = this.welcomed.values().next().value as string;
      this.welcomed.delete(oldest);
    }
  }
}

function inboundOf(account: ChannelAccount, openKfId: string, message: WecomSyncedMessage): InboundMessage {
  return {
    workspaceId: account.row.workspace_id,
    channelAccountId: account.row.id,
    platform: account.row.platform,
    externalId: message.msgId,
    conversationId: conversationIdOf(openKfId, message.externalUserId),
    sender: { id: message.externalUserId },
    text: textOf(message.content),
    // Files are fetched afterwards (media.ts); the text says what kind of message came.
    attachments: [],
    sentAt: message.sendTime,
  };
}

/** What the agent reads for each kind of message. */
export function textOf(content: WecomContent): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'image':
      return '[图片]';
    case 'voice':
      return '[语音]';
    case 'video':
      return '[视频]';
    case 'file':
      return '[文件]';
    case 'location':
      return `[位置] ${[content.name, content.address].filter(Boolean).join(' ')}`.trim();
    case 'link':
      return `[链接] ${[content.title, content.url].filter(Boolean).join(' ')}`.trim();
    case 'miniprogram':
      return `[小程序] ${content.title}`.trim();
    case 'event':
      return '[事件]';
    case 'other':
      return `[${content.msgType}]`;
  }
}
