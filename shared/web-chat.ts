/**
 * The web-chat widget's protocol (server/web-chat ↔ widget/), and what the agent app reads about live chats.
 * Widget HTTP routes live under /api/v1/widget; the socket is /api/v1/widget/socket?token=…&after=….
 */

export type WidgetLocale = 'zh-CN' | 'en';
export type PreChatFieldName = 'name' | 'phone' | 'email' | 'order';
export type RatingScale = 'three' | 'five';
export type ChatState = 'waiting' | 'active' | 'ended';

/** GET /api/v1/widget/config?key=…&locale=… */
export interface WidgetConfig {
  workspaceName: string;
  locale: WidgetLocale;
  /** Shown at once when the chat opens, and written into the ticket when the first message arrives. */
  welcome: string;
  preChat: { enabled: boolean; fields: { field: PreChatFieldName; required: boolean }[] };
  rating: { scale: RatingScale };
  /** Outside business hours the widget offers "leave a message" and says when the team is back. */
  businessHours: { open: boolean; nextOpenAt: string | null };
  uploads: { maxBytes: number; types: string[] };
}

/** POST /api/v1/widget/sessions */
export interface WidgetSessionRequest {
  key: string;
  /** The token kept in localStorage from an earlier visit: the same visitor (and conversation) again. */
  visitorToken?: string | null;
  /** From the host site, signed with the workspace's identity secret: hex HMAC-SHA256 of `${userId}:${email}`. */
  identity?: { userId?: string; email?: string; name?: string; signature: string } | null;
  locale?: WidgetLocale;
  page?: { url: string; title: string } | null;
}
export interface WidgetSessionResponse {
  visitorToken: string;
  visitorId: string;
  identified: boolean;
}

export interface WidgetAttachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  /** Relative to the Kefu origin; carries no credentials: the widget appends `?token=`. */
  path: string;
}

export interface WidgetMessage {
  id: string;
  /** inbound: the visitor's; outbound: the team's (an agent or an automatic message). */
  direction: 'inbound' | 'outbound';
  text: string;
  attachments: WidgetAttachment[];
  /** The agent who wrote it; null for the visitor's own messages and automatic ones. */
  author: { name: string; employeeNo: string } | null;
  automated: boolean;
  ticketNumber: string;
  createdAt: string;
}

export interface WidgetChat {
  ticketNumber: string;
  state: ChatState;
  /** Who picked the chat up: shown with the 工号. */
  agent: { name: string; employeeNo: string } | null;
  /** The agent read the visitor's messages up to this time (read receipts). */
  agentReadAt: string | null;
  ratingScale: RatingScale;
  rating: { score: number; comment: string } | null;
}

/** Frames the widget sends. */
export type WidgetClientFrame =
  | {
      type: 'message';
      /** Chosen by the widget, kept across resends: the dedupe key (a resend after a reconnect is stored once). */
      clientId: string;
      text: string;
      /** With the first message when the pre-chat form (or the offline form) was filled in. */
      contact?: { name?: string; phone?: string; email?: string; order?: string };
    }
  | { type: 'typing'; typing: boolean; preview?: string }
  | { type: 'read'; upTo: string }
  | { type: 'page'; url: string; title: string }
  | { type: 'rate'; score: number; comment?: string }
  | { type: 'end' }
  | { type: 'ping' };

/** Frames the server sends. */
export type WidgetServerFrame =
  | {
      type: 'ready';
      visitorId: string;
      /** Messages after the socket's `after` (or the recent history on a first connection), oldest first. */
      history: WidgetMessage[];
      chat: WidgetChat | null;
    }
  | { type: 'message'; message: WidgetMessage }
  | { type: 'chat'; chat: WidgetChat }
  | { type: 'typing'; typing: boolean }
  | { type: 'ack'; clientId: string; messageId: string; ticketNumber: string }
  | {
      type: 'error';
      clientId?: string;
      status: number;
      title: string;
      detail?: string;
      errors?: { field: string; message: string }[];
    }
  | { type: 'pong' };

/** GET /api/v1/live-chats: one open chat as the agent app lists it. */
export interface LiveChat {
  ticketId: string;
  ticketNumber: string;
  state: ChatState;
  assignee: { id: string; name: string; employeeNo: string } | null;
  pickedUpBy: { id: string; name: string; employeeNo: string } | null;
  customer: { id: string; number: string; name: string } | null;
  visitor: {
    id: string;
    identified: boolean;
    locale: string;
    userAgent: string;
    currentPage: { url: string; title: string; at: string } | null;
    pagesSeen: { url: string; title: string; at: string }[];
  } | null;
  waitingSince: string;
  lastMessage: { text: string; direction: 'inbound' | 'outbound'; at: string } | null;
  /** Customer messages after the agent last read the chat. */
  unread: number;
  visitorReadAt: string | null;
  rating: { score: number; scale: RatingScale; comment: string } | null;
}

/**
 * Ephemeral realtime frames on the agent socket (/api/v1/realtime): not stored, not replayed.
 * `chat.typing`: the visitor is typing; `preview` is what they have typed so far, masked.
 */
export interface ChatTypingFrame {
  type: 'ephemeral';
  kind: 'chat.typing';
  ticketId: string;
  data: { typing: boolean; preview: string };
}
