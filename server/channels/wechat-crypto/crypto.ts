/**
 * WeChat's message encryption (公众号 安全模式 and WeCom callbacks, the WXBizMsgCrypt scheme):
 * - signature: SHA-1 over the lexically sorted token, timestamp, nonce (and, in safe mode, the ciphertext);
 * - AES-256-CBC with key = Base64(EncodingAESKey + "="), IV = the key's first 16 bytes, PKCS#7 padding to 32-byte
 *   blocks, over random(16) + length(4, network order) + message + ReceiveId (the AppID, or the CorpID for WeCom).
 * Pure functions: no I/O, so the published sample vectors check them directly.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BLOCK = 32;

export class WechatCryptoError extends Error {
  constructor(
    readonly reason: 'bad_key' | 'bad_ciphertext' | 'bad_padding' | 'bad_length' | 'bad_receive_id',
    message: string,
  ) {
    super(message);
    this.name = 'WechatCryptoError';
  }
}

const sha1 = (parts: string[]) =>
  createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');

/** The URL signature of plaintext mode and of the server-URL check: SHA-1 of sorted token, timestamp, nonce. */
export const plainSignature = (token: string, timestamp: string, nonce: string) =>
  sha1([token, timestamp, nonce]);

/** `msg_signature`: SHA-1 of the sorted token, timestamp, nonce and ciphertext. */
export const messageSignature = (token: string, timestamp: string, nonce: string, encrypted: string) =>
  sha1([token, timestamp, nonce, encrypted]);

/** Compares hex signatures in constant time; false for anything malformed (a multibyte character included). */
export function signaturesMatch(expected: string, given: string | undefined): boolean {
  if (!given || !/^[0-9a-f]{40}$/i.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given.toLowerCase()));
}

/** The 32-byte AES key an EncodingAESKey (43 Base64 characters) stands for. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
    throw new WechatCryptoError('bad_key', 'An EncodingAESKey is 43 Base64 characters');
  }
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

export function encryptMessage(
  message: string,
  options: { encodingAesKey: string; receiveId: string; random?: Buffer },
): string {
  const key = aesKeyOf(options.encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([
    options.random ?? randomBytes(16),
    length,
    body,
    Buffer.from(options.receiveId, 'utf8'),
  ]);
  const padding = BLOCK - (plain.length % BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(padding, padding)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

export interface DecryptedMessage {
  message: string;
  receiveId: string;
  /** Which of the keys tried opened it (0: the current one, 1: the previous one after a rotation). */
  keyIndex: number;
}

/**
 * Opens a ciphertext with the first key that yields a well-formed plaintext, and checks that it was meant for us
 * (the ReceiveId). Throws WechatCryptoError when no key does.
 */
export function decryptMessage(
  encrypted: string,
  options: { encodingAesKeys: readonly string[]; receiveId: string },
): DecryptedMessage {
  let lastError: WechatCryptoError = new WechatCryptoError('bad_key', 'No EncodingAESKey is configured');
  for (const [keyIndex, encodingAesKey] of options.encodingAesKeys.entries()) {
    try {
      const opened = openWith(encrypted, aesKeyOf(encodingAesKey));
      if (opened.receiveId !== options.receiveId) {
        throw new WechatCryptoError(
          'bad_receive_id',
          'The message was encrypted for another AppID or CorpID',
        );
      }
      return { ...opened, keyIndex };
    } catch (error) {
      if (!(error instanceof WechatCryptoError)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

function openWith(encrypted: string, key: Buffer): { message: string; receiveId: string } {
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) {
    throw new WechatCryptoError('bad_ciphertext', 'The ciphertext is not whole AES blocks');
  }
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(data), decipher.final()]);
  const padding = padded[padded.length - 1] as number;
  if (padding < 1 || padding > BLOCK || padding > padded.length) {
    throw new WechatCryptoError('bad_padding', 'The plaintext padding is wrong (another key?)');
  }
  for (let i = padded.length - padding; i < padded.length; i++) {
    if (padded[i] !== padding) throw new WechatCryptoError('bad_padding', 'The plaintext padding is wrong');
  }
  const plain = padded.subarray(0, padded.length - padding);
  if (plain.length < 20) throw new WechatCryptoError('bad_length', 'The plaintext is too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) {
    throw new WechatCryptoError('bad_length', 'The message length runs past the plaintext');
  }
  return {
    message: plain.subarray(20, 20 + length).toString('utf8'),
    receiveId: plain.subarray(20 + length).toString('utf8'),
  };
}
