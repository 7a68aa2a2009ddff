/**
 * The files customers send through 微信客服 (pictures, voice, video, documents) are fetched with `media/get` before
 * the message goes to the intake, so the agent sees the screenshot rather than "[图片]". WeCom keeps them three
 * days; a file that cannot be fetched or is not a kind Kefu keeps leaves the message as text with a note.
 */
import { detectFileType } from '@server/attachments/file-types';
import type { InboundMessage } from '@server/intake/inbound-message';
import type { ChannelAccount } from '../repo';
import type { WecomClient } from './client';
import type { WecomSyncedMessage } from './parse';

/** Kefu's default attachment limit (KEFU_ATTACHMENT_MAX_MB); WeCom's own limits are lower except for video. */
const MAX_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 15_000;
/** Downloads at once while a page of up to 1000 messages is prepared. */
const PARALLEL = 4;

const EXTENSION_OF: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
};

/** Each message with its file attached where there is one to fetch; order kept. */
export async function attachMedia(
  client: WecomClient,
  account: ChannelAccount,
  pairs: { synced: WecomSyncedMessage; inbound: InboundMessage }[],
): Promise<InboundMessage[]> {
  const results: InboundMessage[] = new Array(pairs.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < pairs.length; index = next++) {
      const { synced, inbound } = pairs[index] as (typeof pairs)[number];
      results[index] = await withFile(client, account, synced, inbound);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return results;
}

async function withFile(
  client: WecomClient,
  account: ChannelAccount,
  synced: WecomSyncedMessage,
  inbound: InboundMessage,
): Promise<InboundMessage> {
  const content = synced.content;
  if (!('mediaId' in content) || !content.mediaId) return inbound;
  try {
    const file = await client.downloadMedia(account, content.mediaId, {
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
    });
    const declaredType = file.contentType.split(';')[0]?.trim() ?? '';
    const named = file.filename?.trim();
    const filename =
      named && /\.[a-z0-9]{2,5}$/i.test(named)
        ? named
        : `${content.type}-${synced.msgId.replace(/[^\w-]/g, '').slice(0, 40)}.${EXTENSION_OF[declaredType] ?? 'bin'}`;
    if (!detectFileType(filename, file.content.subarray(0, 16))) {
      return { ...inbound, text: `${inbound.text}（此类文件不能保存，请在企业微信中查看）` };
    }
    return {
      ...inbound,
      attachments: [
        { filename, declaredType: declaredType || 'application/octet-stream', content: file.content },
      ],
    };
  } catch {
    return { ...inbound, text: `${inbound.text}（未能从企业微信获取文件）` };
  }
}
