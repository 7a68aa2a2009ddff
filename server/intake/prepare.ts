/**
 * The steps of intake that need no transaction, run per message before it joins a group commit: mask personal data
 * (sealing the originals), cut search tokens, derive the conversation's lookup key, write attachment files, and
 * work out what a new ticket or customer would be. Everything that reads keys happens here: transactions
 * serialise on the embedded engine, and nothing inside one may wait on another connection.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ALLOWED_EXTENSIONS, detectFileType } from '@server/attachments/file-types';
import { type AttachmentStore, attachmentPath, attachmentStorageKey } from '@server/attachments/service';
import { maskProfileChanges, storedIdentity } from '@server/customers/personal-fields';
import type { StoredIdentity } from '@server/customers/service';
import { HttpProblem } from '@server/http/problem';
import type { MaskingRules } from '@server/privacy/spans';
import type { PersonalDataVault, SealedSpan } from '@server/privacy/vault';
import { indexTokens } from '@server/search/segmenter';
import { extractOrderNumbers, extractProductModel } from '@server/tickets/text-extraction';
import type { InboundMessage } from './inbound-message';
import type { SenderCache, SenderParts } from './sender-cache';

export interface PreparedAttachment {
  id: string;
  filename: string;
  filenameSpans: SealedSpan[];
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

export interface PreparedInbound {
  message: InboundMessage;
  /** Allocated here so that the dedupe receipt can name it before the row exists. */
  messageId: string;
  body: string;
  bodySpans: SealedSpan[];
  tokens: string[];
  conversationKey: string;
  replyAddressCiphertext: string;
  identity: StoredIdentity;
  newCustomer: {
    name: string;
    nickname: string;
    phone: string | null;
    phoneHash: string | null;
    email: string | null;
    emailHash: string | null;
    spans: SealedSpan[];
  };
  /** A new ticket's subject: the start of the masked text. */
  subject: string;
  subjectSpans: SealedSpan[];
  orderNumbers: string[];
  productModel: string | null;
  attachments: PreparedAttachment[];
}

const SUBJECT_LENGTH = 60;

/** A new ticket's subject: the first line of what the customer wrote, cut before a mask rather than through it. */
export function subjectOf(body: string, spans: readonly SealedSpan[], attachmentCount: number) {
  const line =
    body
      .split('\n')
      .find((candidate) => candidate.trim())
      ?.trim() ?? '';
  if (!line) return { subject: attachmentCount > 0 ? '[附件]' : '[空消息]', subjectSpans: [] };
  // Earlier lines are blank, so the first occurrence of the trimmed line is the line itself.
  const lineStart = body.indexOf(line);
  let end = Math.min(line.length, SUBJECT_LENGTH);
  for (const span of spans) {
    if (span.start - lineStart < end && span.end - lineStart > end) end = Math.max(0, span.start - lineStart);
  }
  const subjectSpans = spans
    .filter((span) => span.start >= lineStart && span.end - lineStart <= end)
    .map((span) => ({ ...span, field: 'subject', start: span.start - lineStart, end: span.end - lineStart }));
  const subject = line.slice(0, end);
  return { subject: end < line.length ? `${subject}…` : subject, subjectSpans };
}

/** Checks every attachment's real type before anything is written, so a refused message leaves nothing behind. */
export function assertAttachmentTypes(messages: readonly InboundMessage[]): void {
  messages.forEach((message, messageIndex) => {
    message.attachments.forEach((attachment, index) => {
      if (!detectFileType(path.basename(attachment.filename), attachment.content.subarray(0, 16))) {
        throw new HttpProblem(
          415,
          'unsupported_attachment_type',
          `Allowed attachment types: ${ALLOWED_EXTENSIONS.join(', ')}`,
          [
            {
              path: `${messages.length > 1 ? `/body/messages/${messageIndex}` : '/body'}/attachments/${index}`,
              message: 'This kind of file cannot be attached (its content decides, not its name)',
            },
          ],
        );
      }
    });
  });
}

export async function prepareInbound(
  vault: PersonalDataVault,
  store: AttachmentStore,
  message: InboundMessage,
  cache: SenderCache,
): Promise<PreparedInbound> {
  const { workspaceId } = message;
  const rules = await vault.rules(workspaceId);
  const masked = await vault.maskFields(workspaceId, { body: message.text }, rules);
  const lookupKey = await vault.keyring.lookupKey(workspaceId);
  const conversationKey = createHmac('sha256', lookupKey)
    .update(`conversation:${message.channelAccountId}:${message.conversationId}`)
    .digest('base64url');
  const sender = await senderParts(vault, cache, lookupKey, message, rules);
  // A channel with its own subject line (e-mail) names the ticket with it; others with the first line written.
  const title = message.subject?.trim()
    ? await vault.maskFields(workspaceId, { body: message.subject }, rules)
    : null;
  const { subject, subjectSpans } = title
    ? subjectOf(title.text.body, title.spans, message.attachments.length)
    : subjectOf(masked.text.body, masked.spans, message.attachments.length);
  const searchable = title ? `${title.text.body}\n${masked.text.body}` : masked.text.body;
  return {
    message,
    messageId: randomUUID(),
    body: masked.text.body,
    bodySpans: masked.spans,
    tokens: indexTokens(masked.text.body),
    conversationKey,
    replyAddressCiphertext: sender.replyAddressCiphertext,
    identity: sender.identity,
    newCustomer: { name: message.sender.name ?? message.sender.nickname ?? '', ...sender.profile },
    subject,
    subjectSpans,
    orderNumbers: extractOrderNumbers(searchable),
    productModel: extractProductModel(searchable),
    attachments: await Promise.all(
      message.attachments.map((attachment) => writeAttachment(vault, store, workspaceId, attachment)),
    ),
  };
}

/** The conversation's sealed reply address and the sender's stored identity and profile: cached per sender. */
async function senderParts(
  vault: PersonalDataVault,
  cache: SenderCache,
  lookupKey: Buffer,
  message: InboundMessage,
  rules: MaskingRules,
): Promise<SenderParts> {
  const { workspaceId, sender } = message;
  const key = cache.keyOf(lookupKey, [
    message.channelAccountId,
    message.conversationId,
    message.platform,
    sender.id,
    sender.nickname,
    sender.phone,
    sender.email,
  ]);
  const cached = cache.get(key);
  if (cached) return cached;
  const [replyAddressCiphertext, identity, profile] = await Promise.all([
    vault.keyring.encrypt(workspaceId, message.conversationId),
    storedIdentity(vault, workspaceId, { channel: message.platform, externalId: sender.id }, rules),
    maskProfileChanges(
      vault,
      workspaceId,
      {
        nickname: sender.nickname ?? '',
        ...(sender.phone ? { phone: sender.phone } : {}),
        ...(sender.email ? { email: sender.email } : {}),
      },
      null,
    ),
  ]);
  const parts: SenderParts = {
    replyAddressCiphertext,
    identity,
    profile: {
      nickname: profile.columns.nickname ?? '',
      phone: profile.columns.phone ?? null,
      phoneHash: profile.columns.phone_hash ?? null,
      email: profile.columns.email ?? null,
      emailHash: profile.columns.email_hash ?? null,
      spans: profile.spans,
    },
  };
  cache.set(key, parts);
  return parts;
}

/** The file goes to disk before its row is committed; a message that never commits has its files removed. */
async function writeAttachment(
  vault: PersonalDataVault,
  store: AttachmentStore,
  workspaceId: string,
  attachment: InboundMessage['attachments'][number],
): Promise<PreparedAttachment> {
  const filename = path.basename(attachment.filename).slice(0, 200) || 'file';
  const contentType = detectFileType(filename, attachment.content.subarray(0, 16));
  if (!contentType) throw new Error('attachment types are checked before preparing');
  const id = randomUUID();
  const storageKey = attachmentStorageKey(workspaceId, id);
  const finalPath = attachmentPath(store, { storage_key: storageKey });
  await fs.promises.mkdir(path.dirname(finalPath), { recursive: true, mode: 0o700 });
  await fs.promises.writeFile(finalPath, attachment.content, { mode: 0o600 });
  const masked = await vault.maskFields(workspaceId, { filename });
  return {
    id,
    filename: masked.text.filename,
    filenameSpans: masked.spans,
    contentType,
    sizeBytes: attachment.content.length,
    sha256: createHash('sha256').update(attachment.content).digest('hex'),
    storageKey,
  };
}

/** Removes the files of messages that were not committed. */
export async function discardPrepared(store: AttachmentStore, prepared: readonly PreparedInbound[]) {
  await Promise.all(
    prepared.flatMap((item) =>
      item.attachments.map((file) =>
        fs.promises.rm(attachmentPath(store, { storage_key: file.storageKey }), { force: true }),
      ),
    ),
  );
}
