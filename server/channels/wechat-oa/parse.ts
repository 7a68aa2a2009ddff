/**
 * The XML a WeChat Official Account (公众号) pushes to the server URL, read into a typed value. Pure: no I/O, and
 * nothing but a WechatParseError ever comes out of it, whatever the bytes (the fuzz script holds it to that).
 * Every value stays a string: MsgId is a 64-bit number that a JavaScript number would round.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export class WechatParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatParseError';
  }
}

interface PushBase {
  /** The account's original id (gh_…). */
  toUserName: string;
  /** The customer's openid. */
  fromUserName: string;
  /** Seconds since the epoch, as WeChat wrote it. */
  createTime: string;
}

export type WechatOaMessage = PushBase & { msgId: string } & (
    | { type: 'text'; content: string }
    | { type: 'image'; picUrl: string; mediaId: string }
    | { type: 'voice'; mediaId: string; format: string; recognition: string | null }
    | { type: 'video' | 'shortvideo'; mediaId: string; thumbMediaId: string }
    | { type: 'location'; latitude: string; longitude: string; scale: string; label: string }
    | { type: 'link'; title: string; description: string; url: string }
  );

export type WechatOaEventName = 'subscribe' | 'unsubscribe' | 'SCAN' | 'CLICK' | 'VIEW';

export type WechatOaEvent = PushBase & {
  type: 'event';
  event: WechatOaEventName;
  /** The menu key (CLICK), the link (VIEW) or the QR scene (`qrscene_…` on subscribe, the scene on SCAN). */
  eventKey: string | null;
  /** The QR code's ticket when a parametric QR code was scanned. */
  ticket: string | null;
};

/** Anything else WeChat pushes (template-send reports, LOCATION reports, mini-program cards…): acknowledged only. */
export type WechatOaOther = PushBase & { type: 'other'; msgType: string; event: string | null };

/** The safe-mode (and compatible-mode) envelope: the message itself is inside `Encrypt`. */
export interface WechatOaEncrypted {
  type: 'encrypted';
  toUserName: string;
  encrypt: string;
}

export type WechatOaPush = WechatOaMessage | WechatOaEvent | WechatOaOther | WechatOaEncrypted;

const parser = new XMLParser({
  ignoreAttributes: true,
  // Strings only: no number or boolean guessing.
  parseTagValue: false,
  // A customer's text keeps its own spaces and line breaks.
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // The five XML entities and character references only; a DOCTYPE is refused before parsing.
  processEntities: true,
  htmlEntities: false,
});

const EVENT_NAMES: readonly WechatOaEventName[] = ['subscribe', 'unsubscribe', 'SCAN', 'CLICK', 'VIEW'];

/** Reads one push. Throws WechatParseError for anything that is not a well-formed WeChat push. */
export function parseWechatOaPush(xml: string): WechatOaPush {
  try {
    return readPush(xml);
  } catch (error) {
    if (error instanceof WechatParseError) throw error;
    // The parser's own failures (and a stack exhausted by absurd nesting) are all just "not a push".
    throw new WechatParseError('The body is not well-formed XML');
  }
}

function readPush(xml: string): WechatOaPush {
  if (typeof xml !== 'string' || xml.trim() === '') throw new WechatParseError('The body is empty');
  // WeChat never sends a DTD; one could only be there to define entities that expand.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new WechatParseError('A DOCTYPE is not allowed');
  if (XMLValidator.validate(xml) !== true) throw new WechatParseError('The body is not well-formed XML');
  const document: unknown = parser.parse(xml);
  const root = isRecord(document) ? document.xml : undefined;
  if (!isRecord(root)) throw new WechatParseError('The root element is not <xml>');
  const field = fieldReader(root);

  const encrypt = field.optional('Encrypt');
  if (encrypt !== null) return { type: 'encrypted', toUserName: field.optional('ToUserName') ?? '', encrypt };

  const base: PushBase = {
    toUserName: field.required('ToUserName'),
    fromUserName: field.required('FromUserName'),
    createTime: field.required('CreateTime'),
  };
  if (!/^\d{1,12}$/.test(base.createTime))
    throw new WechatParseError('CreateTime is not a number of seconds');
  const msgType = field.required('MsgType');

  if (msgType === 'event') {
    const event = field.required('Event');
    const known = EVENT_NAMES.find((name) => name.toLowerCase() === event.toLowerCase());
    if (!known) return { ...base, type: 'other', msgType, event };
    return {
      ...base,
      type: 'event',
      event: known,
      eventKey: field.optional('EventKey'),
      ticket: field.optional('Ticket'),
    };
  }

  const message = () => ({ ...base, msgId: field.optional('MsgId') ?? field.required('MsgID') });
  switch (msgType) {
    case 'text':
      return { ...message(), type: 'text', content: field.required('Content') };
    case 'image':
      return {
        ...message(),
        type: 'image',
        picUrl: field.optional('PicUrl') ?? '',
        mediaId: field.required('MediaId'),
      };
    case 'voice':
      return {
        ...message(),
        type: 'voice',
        mediaId: field.required('MediaId'),
        format: field.optional('Format') ?? '',
        recognition: field.optional('Recognition'),
      };
    case 'video':
    case 'shortvideo':
      return {
        ...message(),
        type: msgType,
        mediaId: field.required('MediaId'),
        thumbMediaId: field.optional('ThumbMediaId') ?? '',
      };
    case 'location':
      return {
        ...message(),
        type: 'location',
        latitude: field.required('Location_X'),
        longitude: field.required('Location_Y'),
        scale: field.optional('Scale') ?? '',
        label: field.optional('Label') ?? '',
      };
    case 'link':
      return {
        ...message(),
        type: 'link',
        title: field.optional('Title') ?? '',
        description: field.optional('Description') ?? '',
        url: field.required('Url'),
      };
    default:
      return { ...base, type: 'other', msgType, event: null };
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the push's leaf elements; an element that repeats or has children is not a WeChat push. */
function fieldReader(root: Record<string, unknown>) {
  const optional = (name: string): string | null => {
    if (!Object.hasOwn(root, name)) return null;
    const value = root[name];
    if (typeof value !== 'string') throw new WechatParseError(`<${name}> is not a single text element`);
    return value;
  };
  const required = (name: string): string => {
    const value = optional(name);
    if (value === null || value.trim() === '') throw new WechatParseError(`<${name}> is missing`);
    return value;
  };
  return { optional, required };
}
