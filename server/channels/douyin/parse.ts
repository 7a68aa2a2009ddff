/**
 * The JSON body of a 抖音客服平台 message push (x-msg-type `douyin_microgame_im`), without I/O. Documented fields
 * (抖音客服平台-客服能力消息推送接入指引): app_id, conversation_id, msg_id, create_time, msg_type (text, image, video,
 * score), open_id, content, pic_url, video_url, score_content. The published samples carry conversation_id and
 * msg_id as bare JSON numbers above 2^53 (7494460928000411111), which JSON.parse would round; they are read
 * from the raw text as digits instead, so neither the dedupe key nor the reply address is ever rounded.
 */
import { z } from 'zod';

export class DouyinParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DouyinParseError';
  }
}

export type DouyinMessageKind = 'text' | 'image' | 'video' | 'score' | 'other';

export interface DouyinPush {
  appId: string;
  /** Digits, exactly as sent: replies are addressed to it. */
  conversationId: string;
  /** Digits, exactly as sent: the dedupe key. */
  msgId: string;
  /** The customer; absent in the earliest published sample, so it may be null. */
  openId: string | null;
  sentAt: Date | null;
  kind: DouyinMessageKind;
  /** The platform's msg_type as sent (a type Kefu does not know is kept for the note). */
  msgType: string;
  /** The customer's words (text), the score (score), or '' (image, video). */
  text: string;
  pictureUrl: string | null;
  videoUrl: string | null;
}

const MAX_BODY_CHARS = 1024 * 1024;

/** An id the platform sends as a 64-bit number or as a string of digits. */
const platformId = z.union([
  z
    .string()
    .trim()
    .regex(/^\d{1,30}$/),
  z.number().int().nonnegative().refine(Number.isSafeInteger, 'a number above 2^53 has lost its digits'),
]);

const optionalText = z.string().max(100_000).nullish();
const optionalUrl = z.string().max(4096).nullish();

const pushSchema = z.object({
  app_id: z.string().trim().min(1).max(64),
  conversation_id: platformId,
  msg_id: platformId,
  create_time: z.number().int().nonnegative().max(1e14).nullish(),
  msg_type: z.string().trim().min(1).max(64),
  open_id: z.string().trim().min(1).max(256).nullish(),
  content: optionalText,
  pic_url: optionalUrl,
  video_url: optionalUrl,
  score_content: z.union([z.string().max(10_000), z.number(), z.record(z.string(), z.unknown())]).nullish(),
});

/** The documented quoting of `"conversation_id": 123…` — a key outside any string, followed by a bare integer. */
const BARE_ID = /(?<!\\)"(conversation_id|msg_id)"(\s*):(\s*)(\d+)(?=\s*[,}])/g;

/** JSON text → value, with the two 64-bit ids kept as strings of digits. */
export function readDouyinPushJson(raw: string | Uint8Array): unknown {
  const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
  if (text.length > MAX_BODY_CHARS) throw new DouyinParseError('The push is too large');
  try {
    return JSON.parse(text.replace(BARE_ID, '"$1"$2:$3"$4"'));
  } catch {
    throw new DouyinParseError('The push body is not JSON');
  }
}

/** Newer text pushes wrap the words as `{"text":"…","action":{}}`; older ones sent them bare. */
function wordsOf(content: string): string {
  if (!content.trimStart().startsWith('{')) return content;
  try {
    const inner: unknown = JSON.parse(content);
    if (inner && typeof inner === 'object' && typeof (inner as { text?: unknown }).text === 'string') {
      return (inner as { text: string }).text;
    }
  } catch {
    // Words that merely start with a brace.
  }
  return content;
}

/** The samples show both seconds (1741266191) and milliseconds (1744940173524) despite "秒级时间戳". */
function timeOf(createTime: number | null | undefined): Date | null {
  if (!createTime) return null;
  return new Date(createTime > 1e12 ? createTime : createTime * 1000);
}

const KNOWN_KINDS: readonly DouyinMessageKind[] = ['text', 'image', 'video', 'score'];

/**
 * A push (its raw JSON text or bytes, or the value already parsed) → the message. Anything malformed throws a
 * DouyinParseError and nothing else.
 */
export function parseDouyinPush(input: unknown): DouyinPush {
  try {
    const value =
      typeof input === 'string' || input instanceof Uint8Array ? readDouyinPushJson(input) : input;
    const parsed = pushSchema.safeParse(value);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'body';
      throw new DouyinParseError(`The push is not a Douyin message (${field})`);
    }
    const push = parsed.data;
    const msgType = push.msg_type.toLowerCase();
    const kind = (KNOWN_KINDS as readonly string[]).includes(msgType)
      ? (msgType as DouyinMessageKind)
      : 'other';
    const score = push.score_content;
    return {
      appId: push.app_id,
      conversationId: String(push.conversation_id),
      msgId: String(push.msg_id),
      openId: push.open_id ?? null,
      sentAt: timeOf(push.create_time),
      kind,
      msgType: push.msg_type,
      text:
        kind === 'text'
          ? wordsOf(push.content ?? '')
          : kind === 'score' && score != null
            ? typeof score === 'object'
              ? JSON.stringify(score)
              : String(score)
            : '',
      pictureUrl: kind === 'image' ? (push.pic_url ?? null) : null,
      videoUrl: kind === 'video' ? (push.video_url ?? null) : null,
    };
  } catch (error) {
    if (error instanceof DouyinParseError) throw error;
    throw new DouyinParseError('The push could not be read');
  }
}
