/**
 * A customer's WhatsApp message as the intake's InboundMessage: the wa_id is both the conversation (replies go to
 * it) and the customer's identity, media is downloaded before the intake (within a short budget, the webhook is
 * waiting), and whatever Kefu cannot store as a file is kept as a note in the text so the agent knows it was sent.
 */
import { detectFileType } from '@server/attachments/file-types';
import type { InboundAttachment, InboundMessage } from '@server/intake/inbound-message';
import type { ChannelAccount } from '../repo';
import { downloadMedia } from './client';
import type { WhatsappContent, WhatsappInboundMessage, WhatsappMediaKind } from './parse';

const MEDIA_LABELS: Record<WhatsappMediaKind, string> = {
  image: '[图片]',
  audio: '[语音]',
  video: '[视频]',
  document: '[文件]',
  sticker: '[表情]',
};

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/mpeg': 'mp3',
  'audio/amr': 'amr',
  'audio/mp4': 'm4a',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/zip': 'zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** How long all of one notification's media downloads may take together (Meta waits for the answer). */
export const MEDIA_BUDGET_MS = 8_000;

/** Media downloads running at once for one notification: a batch of photos must not open one connection each. */
export const PARALLEL_DOWNLOADS = 4;

/** `work` over every item, at most `limit` at a time; the results keep the items' order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** What the agent reads for a message without a file to show. */
export function textOf(content: WhatsappContent): string {
  switch (content.type) {
    case 'text':
      return content.body;
    case 'location': {
      const place = [content.name, content.address].filter(Boolean).join(' ');
      return `[位置] ${place ? `${place} ` : ''}(${content.latitude}, ${content.longitude})`;
    }
    case 'reply':
      return content.description ? `${content.title}\n${content.description}` : content.title;
    case 'reaction':
      return `[表情回应] ${content.emoji}`;
    case 'unsupported':
      return `[暂不支持的消息类型: ${content.original}]`.slice(0, 200);
    default:
      return content.caption;
  }
}

/** The file name a media message is stored under: the customer's own for documents, else kind + type. */
function filenameOf(content: Extract<WhatsappContent, { mediaId: string }>, mimeType: string): string {
  if (content.filename) return content.filename;
  const extension = EXTENSIONS[mimeType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? 'bin';
  return `whatsapp-${content.type}.${extension}`;
}

async function attachmentOf(
  account: ChannelAccount,
  content: Extract<WhatsappContent, { mediaId: string }>,
  deadline: number,
): Promise<InboundAttachment | null> {
  const downloaded = await downloadMedia(account, content.mediaId, Math.max(1, deadline - Date.now()));
  if (!downloaded) return null;
  const declaredType = downloaded.mimeType ?? content.mimeType ?? 'application/octet-stream';
  const filename = filenameOf(content, declaredType);
  // A type the desk does not store (a voice note's Ogg/Opus) would make the intake refuse the whole message.
  if (!detectFileType(filename, downloaded.content.subarray(0, 16))) return null;
  return { filename, declaredType, content: downloaded.content };
}

/** The intake's messages for a notification's customer messages (a removed reaction says nothing: skipped). */
export async function toInboundMessages(
  account: ChannelAccount,
  messages: readonly WhatsappInboundMessage[],
  budgetMs = MEDIA_BUDGET_MS,
): Promise<InboundMessage[]> {
  const deadline = Date.now() + budgetMs;
  const wanted = messages.filter((m) => !(m.content.type === 'reaction' && !m.content.emoji));
  return mapLimited(wanted, PARALLEL_DOWNLOADS, async (message): Promise<InboundMessage> => {
    const { content } = message;
    let text = textOf(content);
    const attachments: InboundAttachment[] = [];
    if ('mediaId' in content) {
      const file = await attachmentOf(account, content, deadline);
      if (file) attachments.push(file);
      else text = [MEDIA_LABELS[content.type], content.caption].filter(Boolean).join(' ');
    }
    return {
      workspaceId: account.row.workspace_id,
      channelAccountId: account.row.id,
      platform: account.row.platform,
      externalId: message.id,
      conversationId: message.waId,
      sender: {
        id: message.waId,
        phone: `+${message.waId}`,
        ...(message.profileName ? { nickname: message.profileName.slice(0, 100) } : {}),
      },
      text: text.slice(0, 20_000),
      attachments,
      sentAt: message.sentAt,
    };
  });
}
