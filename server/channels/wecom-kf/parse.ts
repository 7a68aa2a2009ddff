/**
 * What WeCom 微信客服 sends Kefu, parsed without I/O: the callback's XML (the encrypted envelope, and the
 * `kf_msg_or_event` notice inside it) and the JSON answers of `kf/sync_msg`, which carry the messages themselves.
 * Anything malformed throws a WecomParseError and nothing else (a fuzz script holds these functions to that).
 */
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

export class WecomParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WecomParseError';
  }
}

/** WeCom's callbacks are a few hundred bytes; anything far larger is not one. */
const MAX_XML_LENGTH = 64 * 1024;

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  // Values stay strings: an id or a Token that looks like a number must not lose its leading zeros.
  parseTagValue: false,
  // Entities (and any DOCTYPE declaring them) have no place in WeCom's CDATA-wrapped fields; not expanding them
  // keeps entity-expansion attacks out.
  processEntities: false,
  htmlEntities: false,
});

/** The envelope of an encrypted callback: the ciphertext and whom it is for. */
export interface WecomEnvelope {
  kind: 'envelope';
  toUserName: string;
  encrypt: string;
  agentId: string;
}

/** The decrypted notice: the named 客服账号 has new messages or events, to be read with `kf/sync_msg`. */
export interface WecomNotice {
  kind: 'notice';
  toUserName: string;
  msgType: string;
  event: string;
  /** Passed to `kf/sync_msg` (valid 10 minutes): calls with it are not throttled. */
  token: string;
  openKfId: string;
  createTime: string;
}

export type WecomCallback = WecomEnvelope | WecomNotice;

/** Parses a callback body or its decrypted plaintext. */
export function parseWecomCallback(xml: string): WecomCallback {
  if (typeof xml !== 'string') throw new WecomParseError('The callback is not text');
  if (xml.length > MAX_XML_LENGTH) throw new WecomParseError('The callback is too large');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new WecomParseError('The callback declares a DOCTYPE');
  let document: unknown;
  try {
    document = xmlParser.parse(xml);
  } catch {
    throw new WecomParseError('The callback is not well-formed XML');
  }
  const root = isRecord(document) ? document.xml : undefined;
  if (!isRecord(root)) throw new WecomParseError('The callback has no <xml> element');
  const field = (name: string): string => {
    const value = root[name];
    if (value === undefined) return '';
    if (typeof value !== 'string') throw new WecomParseError(`<${name}> is not a single text value`);
    return value;
  };
  const encrypt = field('Encrypt');
  if (encrypt) {
    return { kind: 'envelope', toUserName: field('ToUserName'), encrypt, agentId: field('AgentID') };
  }
  const msgType = field('MsgType');
  if (!msgType) throw new WecomParseError('The callback has neither <Encrypt> nor <MsgType>');
  return {
    kind: 'notice',
    toUserName: field('ToUserName'),
    msgType,
    event: field('Event'),
    token: field('Token'),
    openKfId: field('OpenKfId'),
    createTime: field('CreateTime'),
  };
}

/** Who wrote a synced message (`origin`). */
export const ORIGIN = {
  /** The WeChat customer. */
  customer: 3,
  /** WeCom itself: an event (entering the session, a failed send, a servicer's status). */
  system: 4,
  /** A servicer (接待人员) writing from the WeCom client, not through Kefu. */
  servicer: 5,
} as const;

export type WecomEvent =
  | {
      eventType: 'enter_session';
      scene: string;
      sceneParam: string;
      /** Lets `kf/send_msg_on_event` send one welcome within 20 seconds; usable once. */
      welcomeCode: string;
    }
  | { eventType: 'msg_send_fail'; failMsgId: string; failType: number | null }
  | { eventType: 'servicer_status_change'; servicerUserId: string; status: number | null }
  | { eventType: 'session_status_change'; changeType: number | null; msgCode: string }
  | { eventType: 'other'; name: string };

export type WecomContent =
  | { type: 'text'; text: string }
  | { type: 'image' | 'voice' | 'video' | 'file'; mediaId: string }
  | { type: 'location'; name: string; address: string; latitude: number | null; longitude: number | null }
  | { type: 'link'; title: string; description: string; url: string }
  | { type: 'miniprogram'; title: string; appId: string; pagePath: string }
  | { type: 'event'; event: WecomEvent }
  | { type: 'other'; msgType: string };

export interface WecomSyncedMessage {
  msgId: string;
  openKfId: string;
  externalUserId: string;
  sendTime: Date | null;
  origin: number;
  content: WecomContent;
}

export type WecomSyncPage =
  | { ok: true; nextCursor: string; hasMore: boolean; messages: WecomSyncedMessage[]; unreadable: number }
  | { ok: false; errcode: number; errmsg: string };

const text = z.string().max(100_000);
const id = z.string().max(256);
const optionalText = text.optional().catch(undefined);
const optionalNumber = z.number().finite().optional().catch(undefined);

const pageSchema = z.object({
  errcode: z.number().int().optional(),
  errmsg: z.string().max(2000).optional(),
  next_cursor: z.string().max(256).optional(),
  has_more: z.union([z.number(), z.boolean()]).optional(),
  msg_list: z.array(z.unknown()).max(10_000).optional(),
});

const messageSchema = z.object({
  msgid: id.min(1),
  open_kfid: id.optional(),
  external_userid: id.optional(),
  send_time: z.number().int().nonnegative().optional(),
  origin: z.number().int(),
  msgtype: z.string().max(64),
});

const object = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const str = (value: unknown): string => optionalText.parse(value) ?? '';
const num = (value: unknown): number | null => optionalNumber.parse(value) ?? null;

/** Parses one answer of `kf/sync_msg`; a message it cannot read is counted in `unreadable`, not returned. */
export function parseSyncMsgResponse(json: unknown): WecomSyncPage {
  const page = pageSchema.safeParse(json);
  if (!page.success) throw new WecomParseError('The sync_msg answer has the wrong shape');
  const { errcode = 0, errmsg = '' } = page.data;
  if (errcode !== 0) return { ok: false, errcode, errmsg };
  if (page.data.msg_list === undefined || page.data.has_more === undefined) {
    throw new WecomParseError('The sync_msg answer has no msg_list or has_more');
  }
  const messages: WecomSyncedMessage[] = [];
  let unreadable = 0;
  // One odd message must not make the whole page unreadable: the cursor would never move past it.
  for (const raw of page.data.msg_list) {
    const message = readMessage(raw);
    if (message) messages.push(message);
    else unreadable += 1;
  }
  return {
    ok: true,
    nextCursor: page.data.next_cursor ?? '',
    hasMore: page.data.has_more === true || page.data.has_more === 1,
    messages,
    unreadable,
  };
}

function readMessage(raw: unknown): WecomSyncedMessage | null {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success || !isRecord(raw)) return null;
  const message = parsed.data;
  const body = object(raw[message.msgtype]);
  // Events name the account and customer inside `event`, not at the top.
  const event = object(raw.event);
  return {
    msgId: message.msgid,
    openKfId: message.open_kfid || str(event.open_kfid),
    externalUserId: message.external_userid || str(event.external_userid),
    sendTime: message.send_time === undefined ? null : new Date(message.send_time * 1000),
    origin: message.origin,
    content: readContent(message.msgtype, body),
  };
}

function readContent(msgType: string, body: Record<string, unknown>): WecomContent {
  switch (msgType) {
    case 'text':
      return { type: 'text', text: str(body.content) };
    case 'image':
    case 'voice':
    case 'video':
    case 'file':
      return { type: msgType, mediaId: str(body.media_id) };
    case 'location':
      return {
        type: 'location',
        name: str(body.name),
        address: str(body.address),
        latitude: num(body.latitude),
        longitude: num(body.longitude),
      };
    case 'link':
      return { type: 'link', title: str(body.title), description: str(body.desc), url: str(body.url) };
    case 'miniprogram':
      return {
        type: 'miniprogram',
        title: str(body.title),
        appId: str(body.appid),
        pagePath: str(body.pagepath),
      };
    case 'event':
      return { type: 'event', event: readEvent(body) };
    default:
      return { type: 'other', msgType };
  }
}

function readEvent(event: Record<string, unknown>): WecomEvent {
  const name = str(event.event_type);
  switch (name) {
    case 'enter_session':
      return {
        eventType: name,
        scene: str(event.scene),
        sceneParam: str(event.scene_param),
        welcomeCode: str(event.welcome_code),
      };
    case 'msg_send_fail':
      return { eventType: name, failMsgId: str(event.fail_msgid), failType: num(event.fail_type) };
    case 'servicer_status_change':
      return { eventType: name, servicerUserId: str(event.servicer_userid), status: num(event.status) };
    case 'session_status_change':
      return { eventType: name, changeType: num(event.change_type), msgCode: str(event.msg_code) };
    default:
      return { eventType: 'other', name };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
