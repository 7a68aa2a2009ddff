/**
 * What every channel adapter implements: verify → parse → normalise inbound requests, and send outbound replies.
 * An adapter is used only for the channel accounts configured with its kind.
 */
import type { OutboundTemplate } from '@server/db/schema';
import type { InboundMessage } from '@server/intake/inbound-message';
import type { ChannelAccount } from './repo';
import type { DELIVERY_ERROR_CODES } from './schema';

export interface RawInboundRequest {
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: signatures are computed over these bytes. */
  body: Buffer;
  /** `batch` when posted to the batch endpoint. */
  variant: 'single' | 'batch';
}

export interface OutboundMessage {
  idempotencyKey: string;
  messageId: string;
  ticketId: string;
  ticketNumber: string;
  /** The platform conversation the reply goes to (as the platform sent it). */
  conversationId: string;
  /** The reply with personal data restored: the customer reads what the agent wrote. */
  text: string;
  attachments: { filename: string; contentType: string; size: number; contentBase64: string }[];
  /** An approved template to send instead of the text (WhatsApp outside its 24-hour window); the text is its rendering. */
  template: OutboundTemplate | null;
  createdAt: Date;
}

export type DeliveryErrorCode = (typeof DELIVERY_ERROR_CODES)[number];

export type SendResult =
  | { ok: true; platformMessageId: string | null }
  | {
      ok: false;
      code: DeliveryErrorCode;
      message: string;
      /** Permanent errors are not retried (the platform's window closed, the recipient blocked us…). */
      permanent: boolean;
    };

export interface ChannelAdapter {
  kind: string;
  /**
   * False for a channel Kefu cannot write back through (requests registered by hand): Kefu writes no automatic
   * message (acceptance notice, rule message) to its conversations. Any other channel delivers replies.
   */
  deliversReplies?: boolean;
  /** Throws an HttpProblem (nothing stored) when the request is not genuine or not well-formed. */
  receive(request: RawInboundRequest, account: ChannelAccount, now: Date): InboundMessage[];
  send(
    message: OutboundMessage,
    account: ChannelAccount,
    options: { timeoutMs: number },
  ): Promise<SendResult>;
}
