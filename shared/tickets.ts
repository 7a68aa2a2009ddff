/** Stored ticket statuses, in lifecycle order; display names are localised in the app. */
export const TICKET_STATUSES = [
  'new',
  'open',
  'pending_customer',
  'pending_internal',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_TITLES_ZH: Record<TicketStatus, string> = {
  new: '新建',
  open: '处理中',
  pending_customer: '待客户反馈',
  pending_internal: '待内部处理',
  resolved: '已解决',
  closed: '已闭环',
};

/** Three levels as every seed has them; each workspace names them (紧急/重要/一般 or 特急/紧急/普通). */
export const TICKET_PRIORITIES = ['urgent', 'important', 'normal'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Where a request came from (seed 000 step 1); channel adapters add their own later. */
export const TICKET_CHANNELS = [
  'web_chat',
  'email',
  'phone',
  'sms',
  'wechat',
  'wecom',
  'whatsapp',
  'taobao',
  'jd',
  'pinduoduo',
  'douyin',
  'kuaishou',
  'weibo',
  'xiaohongshu',
  'zhihu',
  'qq',
  'app',
  'api',
  'store',
  'other',
] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/**
 * Channels a reply may carry unmasked personal data over without a warning. Seed 002: ID and bank-card numbers
 * never go over channels without encryption (普通QQ, and by the same reasoning WeChat, e-mail, SMS and the
 * marketplaces' chats, which the platform can read); the official phone line is the sanctioned way. A logged call
 * (channel `phone`) is that line.
 */
export const CHANNELS_SAFE_FOR_PERSONAL_DATA: readonly string[] = ['phone'];

/**
 * Allowed manual status changes. Closing (已闭环) only follows resolution: the loop is closed after the customer
 * has been told and asked. Reopening a closed ticket is a supervisor's decision (`closedReopenRoles`).
 */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending_customer', 'pending_internal', 'resolved'],
  open: ['pending_customer', 'pending_internal', 'resolved'],
  pending_customer: ['open', 'pending_internal', 'resolved'],
  pending_internal: ['open', 'pending_customer', 'resolved'],
  resolved: ['open', 'closed'],
  closed: ['open'],
};

export type TransitionCheck =
  | { allowed: true }
  | { allowed: false; reason: 'same_status' | 'not_allowed' | 'closed_needs_supervisor' };

/** Whether a person in the given role may move a ticket from one status to another. */
export function checkStatusTransition(
  from: TicketStatus,
  to: TicketStatus,
  options: { mayReopenClosed: boolean },
): TransitionCheck {
  if (from === to) return { allowed: false, reason: 'same_status' };
  if (!TRANSITIONS[from].includes(to)) return { allowed: false, reason: 'not_allowed' };
  if (from === 'closed' && !options.mayReopenClosed)
    return { allowed: false, reason: 'closed_needs_supervisor' };
  return { allowed: true };
}

export function allowedNextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}

/**
 * The status a ticket moves to by itself when the customer writes: an answer to "please send us a photo" or a
 * "it is broken again" after resolution puts the ticket back in the agent's hands. Closed tickets stay closed.
 */
export function statusAfterCustomerMessage(current: TicketStatus): TicketStatus {
  if (current === 'resolved' || current === 'pending_customer') return 'open';
  return current;
}
