import { describe, expect, it } from 'vitest';
import { DouyinParseError, parseDouyinPush } from './parse';
import { MAX_REPLIES_PER_MESSAGE, refusalMeaning, replyAllowance } from './reply-rules';

// The text and image samples of 抖音客服平台-客服能力消息推送接入指引 (ids are bare 64-bit JSON numbers there).
const TEXT_SAMPLE =
  '{ "app_id": "tt123", "conversation_id": 7494205308479291111, "msg_id": 7494460928000411111, "create_time": 1744940173524, "msg_type": "text", "open_id": "_000Iuoq1hxt4Kva16Y6szdms7qujIqiwvOx", "pic_url": null, "content": "{\\"text\\":\\"1\\",\\"action\\":{}}" }';
const IMAGE_SAMPLE =
  '{ "app_id": "tt123", "conversation_id": 7494205308479291111, "msg_id": 7494460928000411112, "create_time": 1747386717944, "msg_type": "image", "open_id": "_000Iuoq1hxt4Kva16Y6szdms7qujIqiwvOx", "pic_url": "https://lf6-developer-sign.bytemastatic.com/tos-cn-i-noahc9e5u2/96e3e119894443bc8b02828f7c505825?x-expires=2062745687", "content": null }';
// The earlier sample of the same page: seconds, bare content, no open_id.
const EARLY_SAMPLE =
  '{ "app_id": "tt123456", "conversation_id": 74689827099567557, "msg_id": 111111111, "create_time": 1741266191, "msg_type": "text", "content": "this is content" }';

describe('parseDouyinPush', () => {
  it('reads the published text sample without rounding its 64-bit ids', () => {
    expect(parseDouyinPush(Buffer.from(TEXT_SAMPLE))).toEqual({
      appId: 'tt123',
      conversationId: '7494205308479291111',
      msgId: '7494460928000411111',
      openId: '_000Iuoq1hxt4Kva16Y6szdms7qujIqiwvOx',
      sentAt: new Date(1744940173524),
      kind: 'text',
      msgType: 'text',
      text: '1',
      pictureUrl: null,
      videoUrl: null,
    });
  });

  it('reads the image sample, the earlier seconds-and-bare-content sample, and other types', () => {
    expect(parseDouyinPush(IMAGE_SAMPLE)).toMatchObject({
      kind: 'image',
      msgId: '7494460928000411112',
      pictureUrl: expect.stringContaining('bytemastatic.com'),
      text: '',
    });
    expect(parseDouyinPush(EARLY_SAMPLE)).toMatchObject({
      conversationId: '74689827099567557',
      openId: null,
      sentAt: new Date(1741266191000),
      text: 'this is content',
    });
    const base = { app_id: 'tt123', conversation_id: '1', msg_id: '2', create_time: 1 };
    expect(parseDouyinPush({ ...base, msg_type: 'video', video_url: 'https://v/1' })).toMatchObject({
      kind: 'video',
      videoUrl: 'https://v/1',
    });
    expect(parseDouyinPush({ ...base, msg_type: 'score', score_content: 5 })).toMatchObject({
      kind: 'score',
      text: '5',
    });
    expect(parseDouyinPush({ ...base, msg_type: 'sticker' })).toMatchObject({
      kind: 'other',
      msgType: 'sticker',
    });
    // Words that look like JSON but are not the wrapper stay as typed.
    expect(parseDouyinPush({ ...base, msg_type: 'text', content: '{订单号 123}' }).text).toBe('{订单号 123}');
  });

  it('leaves digits inside the customer’s words alone', () => {
    const body = TEXT_SAMPLE.replace(
      '\\"text\\":\\"1\\"',
      '\\"text\\":\\"\\\\\\"msg_id\\\\\\": 99999999999999999999\\"',
    );
    const push = parseDouyinPush(body);
    expect(push.msgId).toBe('7494460928000411111');
    expect(push.text).toBe('"msg_id": 99999999999999999999');
  });

  it('throws DouyinParseError, and nothing else, for malformed pushes', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new RangeError('boom');
        },
      },
    );
    for (const input of [
      '',
      '{',
      'null',
      '[]',
      '{"app_id":"tt1"}',
      '{"app_id":"tt1","conversation_id":1.5,"msg_id":1,"msg_type":"text"}',
      '{"app_id":"tt1","conversation_id":-1,"msg_id":1,"msg_type":"text"}',
      { app_id: 'tt1', conversation_id: 2 ** 60, msg_id: 1, msg_type: 'text' },
      { app_id: 'tt1', conversation_id: '1', msg_id: '1', msg_type: 'text', content: 42 },
      42,
      undefined,
      hostile,
      Buffer.from([0xff, 0xfe, 0x00]),
    ]) {
      expect(() => parseDouyinPush(input)).toThrow(DouyinParseError);
    }
  });
});

describe('the 48-hour / 5-reply rule', () => {
  const customerWrote = new Date('2026-12-01T08:00:00Z');
  const at = (hours: number) => new Date(customerWrote.getTime() + hours * 3_600_000);

  it('allows five replies within 48 hours of the customer’s last message, and no more', () => {
    expect(
      replyAllowance({ lastInboundAt: customerWrote, repliesSinceLastInbound: 4, now: at(47.9) }),
    ).toEqual({
      allowed: true,
    });
    expect(
      replyAllowance({
        lastInboundAt: customerWrote,
        repliesSinceLastInbound: MAX_REPLIES_PER_MESSAGE,
        now: at(1),
      }),
    ).toMatchObject({ allowed: false, code: 'quota_exhausted' });
    expect(
      replyAllowance({ lastInboundAt: customerWrote, repliesSinceLastInbound: 0, now: at(48.01) }),
    ).toMatchObject({
      allowed: false,
      code: 'window_expired',
    });
    expect(replyAllowance({ lastInboundAt: null, repliesSinceLastInbound: 9, now: at(100) })).toEqual({
      allowed: true,
    });
  });

  it('reads the platform’s refusals', () => {
    expect(refusalMeaning(40004, 'access_token 不合法')).toEqual({ kind: 'token_expired' });
    expect(refusalMeaning(28001008, 'expired')).toEqual({ kind: 'token_expired' });
    expect(refusalMeaning(100002, '触发频控')).toMatchObject({ code: 'transient', permanent: false });
    expect(refusalMeaning(1, '超过48小时回复时限')).toMatchObject({
      code: 'window_expired',
      permanent: true,
    });
    expect(refusalMeaning(1, '超过5条回复上限')).toMatchObject({ code: 'quota_exhausted', permanent: true });
    expect(refusalMeaning(1, '会话不存在')).toMatchObject({ code: 'invalid_recipient', permanent: true });
    expect(refusalMeaning(1, '参数错误')).toMatchObject({ code: 'rejected', permanent: true });
  });
});
