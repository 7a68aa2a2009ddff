import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decryptMessage,
  encryptMessage,
  messageSignature,
  plainSignature,
  signaturesMatch,
  WechatCryptoError,
} from './crypto';

// Tencent's 公众号 sample code (WXBizMsgCrypt, Python Sample.py and the Java WXBizMsgCryptTest): fixed key and AppIDs.
const OA_SAMPLE_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OA_SAMPLE_CIPHERTEXT =
  'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=';

// WeCom's published callback sample (企业微信 加解密方案说明, 验证URL有效性).
const WECOM = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  receiveId: 'wx5823bf96d3bd56c7',
  msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};

const otherKey = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut';

describe('WeChat message crypto (WXBizMsgCrypt)', () => {
  it('matches the plaintext-mode URL signature published with wechatpy (token test, 1410685589, nonce test)', () => {
    expect(plainSignature('test', '1410685589', 'test')).toBe('f21891de399b4e33a1a93c9a7b8a8fffb5a443ff');
    expect(
      signaturesMatch(
        plainSignature('test', '1410685589', 'test'),
        'f21891de399b4e33a1a93c9a7b8a8fffb5a443fe',
      ),
    ).toBe(false);
  });

  it('refuses, without throwing, a signature of the right length that is not hex (a multibyte character)', () => {
    const expected = plainSignature('test', '1410685589', 'test');
    const forged = `${expected.slice(0, 39)}é`;
    expect(forged.length).toBe(expected.length);
    expect(signaturesMatch(expected, forged)).toBe(false);
    expect(signaturesMatch(expected, expected.toUpperCase())).toBe(true);
    expect(signaturesMatch(expected, undefined)).toBe(false);
  });

  it("opens the 公众号 sample's encrypted text message and checks its msg_signature", () => {
    expect(messageSignature('spamtest', '1409735669', '1320562132', OA_SAMPLE_CIPHERTEXT)).toBe(
      '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
    );
    const opened = decryptMessage(OA_SAMPLE_CIPHERTEXT, {
      encodingAesKeys: [OA_SAMPLE_KEY],
      receiveId: 'wx2c2769f8efd9abc2',
    });
    expect(opened.receiveId).toBe('wx2c2769f8efd9abc2');
    expect(opened.message).toContain('<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>');
    expect(opened.message).toContain('<Content><![CDATA[abcdteT]]></Content>');
    expect(opened.message).toContain('<MsgId>6054768590064713728</MsgId>');
  });

  it("encrypts exactly like the Java sample's fixed-random vectors (Chinese text and a video reply)", () => {
    const fixed = {
      encodingAesKey: OA_SAMPLE_KEY,
      receiveId: 'wxb11529c136998cb6',
      random: Buffer.from('aaaabbbbccccdddd'),
    };
    expect(encryptMessage('我是中文abcd123', fixed)).toBe(
      'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
    );
    const video =
      '<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>';
    const encrypted = encryptMessage(video, fixed);
    expect(encrypted.startsWith('jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1')).toBe(
      true,
    );
    expect(encrypted.endsWith('ExWUZQDajPkdPrEeOwofJb')).toBe(true);
    expect(
      decryptMessage(encrypted, { encodingAesKeys: [OA_SAMPLE_KEY], receiveId: 'wxb11529c136998cb6' })
        .message,
    ).toBe(video);
  });

  it("verifies and opens WeCom's published echostr sample", () => {
    expect(messageSignature(WECOM.token, WECOM.timestamp, WECOM.nonce, WECOM.echostr)).toBe(
      WECOM.msgSignature,
    );
    const opened = decryptMessage(WECOM.echostr, {
      encodingAesKeys: [WECOM.encodingAesKey],
      receiveId: WECOM.receiveId,
    });
    expect(opened.message).toBe('1616140317555161061');
  });

  it('round-trips any text, and opens with the previous key after a rotation', () => {
    for (const text of ['', 'a', '你好，我的订单还没发货 🙂', 'x'.repeat(4000)]) {
      const encrypted = encryptMessage(text, {
        encodingAesKey: OA_SAMPLE_KEY,
        receiveId: 'wx0123456789abcdef',
      });
      const opened = decryptMessage(encrypted, {
        encodingAesKeys: [otherKey, OA_SAMPLE_KEY],
        receiveId: 'wx0123456789abcdef',
      });
      expect(opened).toEqual({ message: text, receiveId: 'wx0123456789abcdef', keyIndex: 1 });
    }
  });

  it('refuses a wrong key, another AppID, tampered ciphertext and bad padding', () => {
    const encrypted = encryptMessage('<xml>hi</xml>', {
      encodingAesKey: OA_SAMPLE_KEY,
      receiveId: 'wx0123456789abcdef',
    });
    const reason = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof WechatCryptoError) return error.reason;
        throw error;
      }
      return 'opened';
    };
    const open = (ciphertext: string, keys = [OA_SAMPLE_KEY], receiveId = 'wx0123456789abcdef') =>
      reason(() => decryptMessage(ciphertext, { encodingAesKeys: keys, receiveId }));

    expect(open(encrypted, [otherKey])).toMatch(/bad_padding|bad_length|bad_receive_id/);
    expect(open(encrypted, [OA_SAMPLE_KEY], 'wxffffffffffffffff')).toBe('bad_receive_id');
    expect(open(encrypted, [])).toBe('bad_key');
    expect(open(encrypted, ['short'])).toBe('bad_key');
    expect(open(encrypted.slice(0, -8))).toBe('bad_ciphertext');
    expect(open('')).toBe('bad_ciphertext');

    // A flipped bit in the last block ruins the padding; one in the first block the length or the AppID.
    const bytes = Buffer.from(encrypted, 'base64');
    const flipped = (index: number) => {
      const copy = Buffer.from(bytes);
      copy[index] = (copy[index] as number) ^ 0x01;
      return copy.toString('base64');
    };
    expect(open(flipped(bytes.length - 1))).not.toBe('opened');
    expect(open(flipped(bytes.length - 17))).not.toBe('opened');
    expect(open(flipped(3))).not.toBe('opened');

    // Well-formed AES blocks whose padding byte is out of range (0 or > 32).
    const key = Buffer.from(`${OA_SAMPLE_KEY}=`, 'base64');
    for (const padByte of [0, 33]) {
      const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
      cipher.setAutoPadding(false);
      const plain = Buffer.alloc(64, padByte);
      const forged = Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
      expect(open(forged)).toBe('bad_padding');
    }
  });
});
