/** The one shape every channel adapter normalises an inbound platform message to. */
export interface InboundAttachment {
  filename: string;
  /** As the platform declared it; the stored type is sniffed from the content. */
  declaredType: string;
  content: Buffer;
}

export interface InboundSender {
  /** The customer's id on the platform. */
  id: string;
  name?: string;
  nickname?: string;
  phone?: string;
  email?: string;
  /**
   * The e-mail is vouched for (a host site's signed user, a verified mailbox): a new identity with it joins the
   * customer who already has this e-mail instead of becoming a new customer.
   */
  emailVerified?: boolean;
}

export interface InboundMessage {
  workspaceId: string;
  channelAccountId: string;
  /** The platform (a ticket channel: taobao, jd, wechat…); tickets opened from it carry it. */
  platform: string;
  /** The platform's message id: the dedupe key together with the channel account. */
  externalId: string;
  /** The platform's conversation; replies are addressed to it. */
  conversationId: string;
  sender: InboundSender;
  text: string;
  attachments: InboundAttachment[];
  /** When the customer sent it, as the platform says. */
  sentAt: Date | null;
  /** The channel's own subject line (an e-mail's): a new ticket is named with it instead of the first line. */
  subject?: string;
  /**
   * The ticket the channel's own threading places the message on (an e-mail reply found by its References, or
   * by the ticket number in its subject), used when the conversation has no open ticket of its own.
   */
  ticketHint?: string;
  /** Machine-written (list mail, a platform's notice): its conversation never gets automatic messages. */
  noAutomaticReplies?: boolean;
}

/** What the channel is answered: the message's ids, first-time or from an earlier delivery of it. */
export interface InboundResult {
  externalId: string;
  status: 'accepted' | 'duplicate';
  messageId: string;
  ticketId: string;
  ticketNumber: string;
}
