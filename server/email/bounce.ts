/**
 * What a bounce says about the mail it returns: which recipients failed and which of Kefu's messages it was,
 * so the outbox can mark that reply as failed. Read from the RFC 3464 delivery-status part and the returned
 * message (or its headers); Postfix, Exim, Exchange and Gmail all send these.
 */
import { firstMessageId } from './message-id';
import type { ParsedEmail } from './parse';

export interface BounceDetails {
  /** Recipients whose delivery failed (Action: failed), as addresses. */
  failedRecipients: string[];
  /** The first failed recipient's status code, e.g. `5.1.1`. */
  status: string | null;
  /** The returned message's Message-ID: an id Kefu generated when the bounce is for one of its replies. */
  originalMessageId: string | null;
}

const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_MESSAGE_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global']);

export function bounceDetails(email: Pick<ParsedEmail, 'attachments'>): BounceDetails {
  const failedRecipients: string[] = [];
  let status: string | null = null;
  for (const part of email.attachments.filter((a) => DELIVERY_STATUS_TYPES.has(a.contentType))) {
    // The first field group describes the message, each following one a recipient.
    for (const group of part.content
      .toString('utf8')
      .split(/\r?\n\s*\r?\n/)
      .slice(1)) {
      const fields = parseFields(group);
      const recipient = (fields.get('final-recipient') ?? fields.get('original-recipient'))?.replace(
        /^[^;]*;/,
        '',
      );
      if (!recipient || fields.get('action')?.toLowerCase() !== 'failed') continue;
      failedRecipients.push(recipient.trim().replace(/^<|>$/g, ''));
      status ??= fields.get('status')?.split(/\s/)[0] ?? null;
    }
  }
  const returned = email.attachments.find((a) => RETURNED_MESSAGE_TYPES.has(a.contentType));
  // Only the header block: the returned body is the customer-facing reply and is not read here.
  const returnedHeaders = returned
    ? parseFields(returned.content.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '')
    : null;
  return {
    failedRecipients,
    status,
    originalMessageId: firstMessageId(returnedHeaders?.get('message-id')),
  };
}

/** Header-style "Name: value" fields, folded lines joined, names lower-cased; the first of a repeated field wins. */
function parseFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}
