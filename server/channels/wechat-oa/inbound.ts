/**
 * What a WeChat push becomes in Kefu: which pushes open or continue a request, the text an agent reads for each kind
 * of message, and the file to fetch. Pure: the adapter downloads the media and hands the result to the intake.
 */
import { detectFileType } from '@server/attachments/file-types';
import type { InboundAttachment } from '@server/intake/inbound-message';
import type { WechatOaPush } from './parse';

export interface MediaToFetch {
  kind: 'image' | 'voice' | 'video';
  mediaId: string;
  /** An image's own link, tried when media/get fails. */
  picUrl: string | null;
  /** The voice format WeChat names (amr, speex); the file's type otherwise comes from the download. */
  format: string | null;
}

export type InboundPlan =
  | { store: false; reason: 'follow' | 'unfollow' | 'menu' | 'scan' | 'other' }
  | {
      store: true;
      /** The dedupe key: MsgId, or openid + CreateTime + event for an event (events have no MsgId). */
      externalId: string;
      openid: string;
      text: string;
      sentAt: Date;
      media: MediaToFetch | null;
    };

/**
 * Decides what to keep. Follows, unfollows, QR scans and menu clicks are not requests: a desk that opened a ticket
 * for every new follower would bury the real ones. A click on a menu key the admin listed (「联系客服」) is one.
 */
export function planInbound(
  push: WechatOaPush,
  options: { contactMenuKeys: readonly string[] },
): InboundPlan {
  if (push.type === 'encrypted' || push.type === 'other') return { store: false, reason: 'other' };
  const sentAt = new Date(Number(push.createTime) * 1000);
  if (push.type === 'event') {
    if (push.event === 'subscribe') return { store: false, reason: 'follow' };
    if (push.event === 'unsubscribe') return { store: false, reason: 'unfollow' };
    if (push.event === 'SCAN') return { store: false, reason: 'scan' };
    const key = push.eventKey?.trim() ?? '';
    if (push.event !== 'CLICK' || !options.contactMenuKeys.includes(key))
      return { store: false, reason: 'menu' };
    return {
      store: true,
      externalId: `${push.fromUserName}:${push.createTime}:${push.event}`,
      openid: push.fromUserName,
      text: `[菜单] 点击了「${key}」`,
      sentAt,
      media: null,
    };
  }
  const message = { store: true as const, externalId: push.msgId, openid: push.fromUserName, sentAt };
  switch (push.type) {
    case 'text':
      return { ...message, text: push.content, media: null };
    case 'image':
      return {
        ...message,
        text: '[图片]',
        media: { kind: 'image', mediaId: push.mediaId, picUrl: push.picUrl || null, format: null },
      };
    case 'voice':
      return {
        ...message,
        // WeChat's speech recognition (when the account enabled it) is what the agent can read at a glance.
        text: push.recognition?.trim() ? `[语音] ${push.recognition.trim()}` : '[语音]',
        media: {
          kind: 'voice',
          mediaId: push.mediaId,
          picUrl: null,
          format: push.format.toLowerCase() || null,
        },
      };
    case 'video':
    case 'shortvideo':
      return {
        ...message,
        text: push.type === 'video' ? '[视频]' : '[小视频]',
        media: { kind: 'video', mediaId: push.mediaId, picUrl: null, format: null },
      };
    case 'location': {
      const where = `(${push.latitude}, ${push.longitude})`;
      return {
        ...message,
        text: `[位置] ${push.label.trim() ? `${push.label.trim()} ` : ''}${where}`,
        media: null,
      };
    }
    case 'link': {
      const description = push.description.trim() ? `\n${push.description.trim()}` : '';
      return { ...message, text: `[链接] ${push.title.trim()} ${push.url}${description}`, media: null };
    }
  }
}

/**
 * Whether an image's PicUrl may be downloaded: WeChat's image hosts (mmbiz.qpic.cn…) or the API host itself. In
 * plaintext mode the body is not signed, so a forged PicUrl must not make Kefu fetch addresses on its own network.
 */
export function isWechatMediaUrl(url: string, apiBaseUrl: string): boolean {
  try {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') return false;
    if (target.host === new URL(apiBaseUrl).host) return true;
    return /(^|\.)(qpic\.cn|weixin\.qq\.com|wx\.qq\.com)$/i.test(target.hostname);
  } catch {
    return false;
  }
}

/** Said in the message when the file could not be kept, so the agent knows to ask for it again. */
export const MEDIA_MISSING_MARKER = '（附件未能从微信获取）';
export const MEDIA_UNSUPPORTED_MARKER = '（此格式的附件无法保存）';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'video/mp4': 'mp4',
};

/**
 * The attachment a downloaded file becomes, or null when Kefu does not keep its kind (WeChat's speex voice): the
 * intake would refuse the whole message for it, and the customer's words matter more than the file.
 */
export function attachmentOf(
  media: MediaToFetch,
  messageId: string,
  file: { content: Buffer; contentType: string; filename: string | null },
): InboundAttachment | null {
  const declaredType = file.contentType.split(';')[0]?.trim() ?? '';
  const named = file.filename?.includes('.') ? file.filename.split('.').pop()?.toLowerCase() : undefined;
  const extension = EXTENSIONS[declaredType] ?? named ?? media.format ?? 'bin';
  const filename = `${media.kind}-${messageId.replace(/[^\w-]/g, '').slice(0, 40) || 'wechat'}.${extension}`;
  if (!detectFileType(filename, file.content.subarray(0, 16))) return null;
  return { filename, declaredType: declaredType || 'application/octet-stream', content: file.content };
}
