/**
 * A raw RFC 5322 message turned into the plain shape the rest of Kefu reads. mailparser does the MIME work
 * (charsets through iconv-lite, so GBK/GB2312/Big5 bodies and encoded-word subjects decode; RFC 2231 file names);
 * this module picks what an e-mail ticket needs, normalises Message-IDs so threading compares like with like, and
 * sanitises the HTML before anything else can hold it. No I/O: the caller reads and stores the message.
 */
import { convert as htmlToText } from 'html-to-text';
import {
  type AddressObject,
  type Attachment,
  type EmailAddress as MailparserAddress,
  type StructuredHeader,
  simpleParser,
} from 'mailparser';
import { type EmailHeaders, readEmailHeaders } from './headers';
import { firstMessageId, messageIds } from './message-id';
import { sanitizeEmailHtml } from './sanitize';

export interface EmailAddress {
  address: string;
  name: string;
}

export interface EmailAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  /** Without angle brackets, as `cid:` URLs in the HTML name it. */
  contentId: string | null;
  /** Shown inside the body (an image the HTML references by `cid:`), not offered as a download. */
  inline: boolean;
  content: Buffer;
}

export interface ParsedEmail {
  /** `<id@host>`, angle brackets included, as References and In-Reply-To carry it. */
  messageId: string | null;
  inReplyTo: string | null;
  /** Oldest first, as the header lists them. */
  references: string[];
  subject: string;
  from: EmailAddress | null;
  replyTo: EmailAddress | null;
  to: EmailAddress[];
  cc: EmailAddress[];
  date: Date | null;
  /** The plain-text body; for HTML-only mail, derived from the sanitised HTML. */
  text: string;
  /** Sanitised, remote images blocked (see sanitize.ts); null when the mail has no HTML part. */
  html: string | null;
  blockedImages: number;
  attachments: EmailAttachment[];
  /** The top-level Content-Type, e.g. `multipart/report` with `report-type=delivery-status`. */
  contentType: { value: string; params: Record<string, string> };
  headers: EmailHeaders;
}

// html-to-text recurses per element; a hostile mail nests deep enough to overflow the stack without a cap.
const HTML_TO_TEXT_MAX_DEPTH = 500;

/** Parses one raw message. Rejects only when the input is not a message at all. */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, {
    // cid: links stay as they are: the app serves inline attachments itself instead of inflating the HTML.
    keepCidLinks: true,
    // The DSN's machine-readable part stays an attachment so bounce.ts can read the failed recipients.
    keepDeliveryStatus: true,
    // Plain text is derived below from the sanitised HTML, without mailparser's [url] annotations.
    skipHtmlToText: true,
    skipTextToHtml: true,
  });

  const rawHtml = typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : null;
  const sanitized = rawHtml ? sanitizeEmailHtml(rawHtml, { allowRemoteImages: false }) : null;
  const text = mail.text?.trim() ? mail.text : sanitized ? textFromHtml(sanitized.html) : '';
  const contentType = mail.headers.get('content-type') as StructuredHeader | undefined;

  return {
    messageId: firstMessageId(mail.messageId),
    inReplyTo: firstMessageId(mail.inReplyTo),
    references: messageIds(mail.references),
    subject: mail.subject ?? '',
    from: firstAddress(mail.from),
    replyTo: firstAddress(mail.replyTo),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    // mailparser fills in "now" when the header is missing; a missing date must stay visible as missing.
    date: mail.headers.has('date') && mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    text,
    html: sanitized?.html ?? null,
    blockedImages: sanitized?.blockedImages ?? 0,
    attachments: mail.attachments.map((attachment) => toAttachment(attachment, rawHtml)),
    // mailparser always parses Content-Type into value + params; RFC 2045 makes text/plain the default.
    contentType: contentType
      ? { value: contentType.value.toLowerCase(), params: contentType.params }
      : { value: 'text/plain', params: {} },
    headers: readEmailHeaders(mail.headerLines),
  };
}

function textFromHtml(html: string): string {
  return htmlToText(html, {
    wordwrap: false,
    limits: { maxDepth: HTML_TO_TEXT_MAX_DEPTH },
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'table', format: 'dataTable' },
    ],
  });
}

function toAttachment(attachment: Attachment, html: string | null): EmailAttachment {
  const contentId = attachment.contentId?.replace(/^<|>$/g, '').trim() || null;
  return {
    filename: attachment.filename ?? null,
    contentType: attachment.contentType.toLowerCase(),
    size: attachment.size,
    contentId,
    // Clients disagree on Content-Disposition for body images (Apple Mail marks listed attachments inline too);
    // what decides is whether the HTML actually shows it.
    inline: contentId !== null && (html?.includes(`cid:${contentId}`) ?? false),
    content: attachment.content,
  };
}

function flatten(list: MailparserAddress[]): EmailAddress[] {
  // A group ("undisclosed-recipients:;" or "Team: a@x, b@y;") contributes its members.
  return list.flatMap((entry) =>
    entry.group ? flatten(entry.group) : entry.address ? [{ address: entry.address, name: entry.name }] : [],
  );
}

function addresses(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  if (!header) return [];
  return (Array.isArray(header) ? header : [header]).flatMap((object) => flatten(object.value));
}

function firstAddress(header: AddressObject | undefined): EmailAddress | null {
  return addresses(header)[0] ?? null;
}
