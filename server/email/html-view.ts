/**
 * The HTML of a received mail, for the agent to read as the customer formatted it: re-read from the kept .eml,
 * sanitised by the allow-list (no scripts, styles sheets, handlers or forms survive), personal data in its text
 * masked as in the thread (the unmasked original is the .eml, for those who may reveal), its inline `cid:` images
 * embedded, remote images withheld unless the agent asked for them. The route serves it under a CSP sandbox and
 * the app shows it in a sandboxed iframe: two walls, each enough alone.
 */
import fs from 'node:fs';
import { type AttachmentStore, attachmentPath } from '@server/attachments/service';
import type { AttachmentRow } from '@server/db/schema';
import { simpleParser } from 'mailparser';
import { sanitizeEmailHtml } from './sanitize';

/** Inline images embedded up to this size each; larger ones are in the attachment list. */
const MAX_EMBEDDED_IMAGE_BYTES = 3 * 1024 * 1024;
const EMBEDDABLE = /^image\/(?:png|jpe?g|gif|webp)$/;

export async function renderEmailHtml(
  store: AttachmentStore,
  original: AttachmentRow,
  options: { showImages: boolean; maskText: (text: string) => string },
): Promise<string | null> {
  const raw = await fs.promises.readFile(attachmentPath(store, original));
  const mail = await simpleParser(raw, { keepCidLinks: true, skipTextToHtml: true, skipHtmlToText: true });
  if (typeof mail.html !== 'string' || !mail.html.trim()) return null;
  const { html } = sanitizeEmailHtml(mail.html, {
    allowRemoteImages: options.showImages,
    maskText: options.maskText,
  });
  const inline = new Map<string, string>();
  for (const attachment of mail.attachments) {
    const id = attachment.contentId?.replace(/^<|>$/g, '').trim();
    if (!id || !EMBEDDABLE.test(attachment.contentType) || attachment.size > MAX_EMBEDDED_IMAGE_BYTES)
      continue;
    inline.set(
      id.toLowerCase(),
      `data:${attachment.contentType};base64,${attachment.content.toString('base64')}`,
    );
  }
  return html.replace(/(<img\b[^>]*?\bsrc=")cid:([^"]+)"/gi, (whole, start: string, id: string) => {
    let key = id;
    try {
      key = decodeURIComponent(id);
    } catch {
      // A malformed escape: the id as written.
    }
    const data = inline.get(key.toLowerCase());
    return data ? `${start}${data}"` : whole;
  });
}

/** What the HTML page may do: show itself and its images; never run, fetch, submit or navigate. */
export function emailHtmlPolicy(showImages: boolean): string {
  return [
    'sandbox',
    "default-src 'none'",
    `img-src data:${showImages ? ' https: http:' : ''}`,
    "style-src 'unsafe-inline'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}
