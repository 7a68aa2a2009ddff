/**
 * A platform's reply window as the agent sees it: how long after the customer's last message free replies are
 * allowed (WhatsApp 24 h, WeChat 48 h), how many replies are left (Douyin, WeCom: 5), and whether only an approved
 * template may be sent now (WhatsApp outside its window). The arithmetic is pure; `loadReplyWindow` reads the
 * conversation it needs.
 */
import type { Database } from '@server/db/schema';
import { type Kysely, sql } from 'kysely';
import { type PlatformKindName, platformKind, type ReplyWindowRule } from './kinds';

export interface ReplyWindow {
  kind: PlatformKindName;
  /** The window's length after each customer message. */
  hours: number;
  open: boolean;
  /** When free replies stop being accepted; null before the customer ever wrote. */
  closesAt: Date | null;
  /** Replies left inside the window, for platforms that count them. */
  repliesLeft?: number;
  /** Only an approved template can be sent now. */
  templatesOnly: boolean;
}

const HOUR_MS = 3_600_000;

/** The window after the customer's last message, with the replies already sent since it. */
export function replyWindowState(options: {
  kind: PlatformKindName;
  rule: ReplyWindowRule;
  lastInboundAt: Date | null;
  repliesSinceLastInbound: number;
  now: Date;
}): ReplyWindow {
  const { rule, lastInboundAt, now } = options;
  const closesAt = lastInboundAt ? new Date(lastInboundAt.getTime() + rule.hours * HOUR_MS) : null;
  const repliesLeft =
    rule.maxReplies === undefined
      ? undefined
      : Math.max(0, rule.maxReplies - options.repliesSinceLastInbound);
  const open = closesAt !== null && now < closesAt && repliesLeft !== 0;
  return {
    kind: options.kind,
    hours: rule.hours,
    open,
    closesAt,
    ...(repliesLeft === undefined ? {} : { repliesLeft }),
    templatesOnly: !open && rule.templatesOutside === true,
  };
}

/**
 * The reply window of a channel conversation, or null when its account is not a messaging platform (the API
 * channel, e-mail, web chat have none). Replies that failed do not count against a platform's reply quota.
 */
export async function loadReplyWindow(
  db: Kysely<Database>,
  options: { workspaceId: string; conversationId: string | null; now: Date },
): Promise<(ReplyWindow & { channelAccountId: string }) | null> {
  if (!options.conversationId) return null;
  const conversation = await db
    .selectFrom('channel_conversations as c')
    .innerJoin('channel_accounts as a', (join) =>
      join.onRef('a.id', '=', 'c.channel_account_id').onRef('a.workspace_id', '=', 'c.workspace_id'),
    )
    .select(['c.id', 'c.last_inbound_at', 'a.id as account_id', 'a.kind'])
    .select((eb) =>
      eb
        .selectFrom('outbound_deliveries as d')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('d.conversation_id', '=', 'c.id')
        .whereRef('d.workspace_id', '=', 'c.workspace_id')
        .whereRef('d.created_at', '>', 'c.last_inbound_at')
        .where('d.state', '!=', 'failed')
        .as('replies'),
    )
    .where('c.workspace_id', '=', options.workspaceId)
    .where('c.id', '=', options.conversationId)
    .executeTakeFirst();
  const kind = conversation ? platformKind(conversation.kind) : undefined;
  if (!conversation || !kind) return null;
  return {
    ...replyWindowState({
      kind: conversation.kind as PlatformKindName,
      rule: kind.replyWindow,
      lastInboundAt: conversation.last_inbound_at,
      repliesSinceLastInbound: Number(conversation.replies ?? 0),
      now: options.now,
    }),
    channelAccountId: conversation.account_id,
  };
}
