/**
 * Whether a call to the webhook URL really comes from WeChat, and what it says. Pure: the clock is passed in.
 *
 * Plaintext mode (明文模式) signs only token + timestamp + nonce, not the body, so a signed URL someone captured
 * could carry any body: the timestamp must be recent (REPLAY_WINDOW_SECONDS) and safe mode is what really protects
 * the content. In safe and compatible mode `msg_signature` also covers the ciphertext, and the AES key plus the
 * AppID inside it prove who wrote it.
 */
import { HttpProblem } from '@server/http/problem';
import {
  decryptMessage,
  messageSignature,
  plainSignature,
  signaturesMatch,
  WechatCryptoError,
} from '../wechat-crypto/crypto';
import { parseWechatOaPush, type WechatOaPush, WechatParseError } from './parse';

/**
 * How far a push's timestamp may be from our clock. WeChat retries an unanswered push within about 15 seconds, so
 * five minutes leaves room for clock drift while a replayed request stops working soon after it was captured.
 */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

export interface WechatOaSecrets {
  appId: string;
  encryption: 'plaintext' | 'compatible' | 'safe';
  token: string;
  /** The current EncodingAESKey, then the one a rotation replaced. */
  encodingAesKeys: string[];
}

const unauthorized = (detail: string) => new HttpProblem(401, 'invalid_signature', detail);

/** The server-URL check (GET): the echostr to answer, or a 401. */
export function verifyServerUrl(query: Record<string, string | undefined>, secrets: WechatOaSecrets): string {
  const { signature, timestamp, nonce, echostr } = query;
  if (!timestamp || !nonce || echostr === undefined) {
    throw new HttpProblem(400, 'missing_parameters', 'signature, timestamp, nonce and echostr are required');
  }
  if (!signaturesMatch(plainSignature(secrets.token, timestamp, nonce), signature)) {
    throw unauthorized('The signature does not match the Token');
  }
  return echostr;
}

/** A pushed message or event (POST), checked and opened; throws an HttpProblem when it is not genuine. */
export function openPush(options: {
  query: Record<string, string | undefined>;
  body: Buffer;
  secrets: WechatOaSecrets;
  nowSeconds: number;
}): WechatOaPush {
  const { query, body, secrets } = options;
  const { timestamp, nonce } = query;
  if (!timestamp || !nonce || !/^\d{1,12}$/.test(timestamp)) {
    throw unauthorized('timestamp and nonce are required');
  }
  if (Math.abs(options.nowSeconds - Number(timestamp)) > REPLAY_WINDOW_SECONDS) {
    throw unauthorized('The timestamp is too far from now (a replayed request?)');
  }
  const encrypted = query.encrypt_type?.toLowerCase() === 'aes';

  if (!encrypted) {
    if (secrets.encryption === 'safe') {
      throw unauthorized('This account is in safe mode: plaintext pushes are refused');
    }
    if (!signaturesMatch(plainSignature(secrets.token, timestamp, nonce), query.signature)) {
      throw unauthorized('The signature does not match the Token');
    }
    const outer = parse(body.toString('utf8'));
    if (outer.type === 'encrypted')
      throw new HttpProblem(400, 'bad_body', 'An encrypted body needs encrypt_type=aes');
    return outer;
  }

  const outer = parse(body.toString('utf8'));
  if (outer.type !== 'encrypted') throw new HttpProblem(400, 'bad_body', 'The body has no <Encrypt> element');
  if (
    !signaturesMatch(messageSignature(secrets.token, timestamp, nonce, outer.encrypt), query.msg_signature)
  ) {
    throw unauthorized('msg_signature does not match the Token and the ciphertext');
  }
  if (secrets.encodingAesKeys.length === 0) {
    throw unauthorized('No EncodingAESKey is configured for this account');
  }
  let inner: string;
  try {
    inner = decryptMessage(outer.encrypt, {
      encodingAesKeys: secrets.encodingAesKeys,
      receiveId: secrets.appId,
    }).message;
  } catch (error) {
    if (error instanceof WechatCryptoError)
      throw unauthorized(`The message cannot be opened (${error.reason})`);
    throw error;
  }
  const push = parse(inner);
  if (push.type === 'encrypted')
    throw new HttpProblem(400, 'bad_body', 'The decrypted message is encrypted again');
  return push;
}

function parse(xml: string): WechatOaPush {
  try {
    return parseWechatOaPush(xml);
  } catch (error) {
    if (error instanceof WechatParseError) throw new HttpProblem(400, 'bad_body', error.message);
    throw error;
  }
}
