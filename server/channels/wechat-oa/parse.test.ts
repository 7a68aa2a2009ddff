import { describe, expect, it } from 'vitest';
import { isWechatMediaUrl, planInbound } from './inbound';
import { parseWechatOaPush, WechatParseError } from './parse';

// The sample pushes of WeChat's 公众号 documentation (接收普通消息 / 接收事件推送), as published.
const head = (type: string) =>
  `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[${type}]]></MsgType>`;

const SAMPLES = {
  text: `${head('text')}<Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId><MsgDataId>xxxx</MsgDataId><Idx>xxxx</Idx></xml>`,
  image: `${head('image')}<PicUrl><![CDATA[this is a url]]></PicUrl><MediaId><![CDATA[media_id]]></MediaId><MsgId>1234567890123456</MsgId></xml>`,
  voice: `${head('voice')}<MediaId><![CDATA[media_id]]></MediaId><Format><![CDATA[Format]]></Format><Recognition><![CDATA[腾讯微信团队]]></Recognition><MsgId>1234567890123456</MsgId></xml>`,
  video: `${head('video')}<MediaId><![CDATA[media_id]]></MediaId><ThumbMediaId><![CDATA[thumb_media_id]]></ThumbMediaId><MsgId>1234567890123456</MsgId></xml>`,
  location: `${head('location')}<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>1234567890123456</MsgId></xml>`,
  link: `${head('link')}<Title><![CDATA[公众平台官网链接]]></Title><Description><![CDATA[公众平台官网链接]]></Description><Url><![CDATA[url]]></Url><MsgId>1234567890123456</MsgId></xml>`,
  subscribe: `${head('event')}<Event><![CDATA[subscribe]]></Event></xml>`,
  scanSubscribe: `${head('event')}<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket></xml>`,
  click: `${head('event')}<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[EVENTKEY]]></EventKey></xml>`,
};

describe('reading a WeChat Official Account push', () => {
  it('reads every documented kind of message and event, keeping 64-bit MsgIds and spaces exact', () => {
    expect(parseWechatOaPush(SAMPLES.text)).toEqual({
      type: 'text',
      toUserName: 'toUser',
      fromUserName: 'fromUser',
      createTime: '1348831860',
      msgId: '1234567890123456',
      content: 'this is a test',
    });
    expect(parseWechatOaPush(SAMPLES.image)).toMatchObject({
      type: 'image',
      picUrl: 'this is a url',
      mediaId: 'media_id',
    });
    expect(parseWechatOaPush(SAMPLES.voice)).toMatchObject({
      type: 'voice',
      format: 'Format',
      recognition: '腾讯微信团队',
    });
    expect(parseWechatOaPush(SAMPLES.video)).toMatchObject({ type: 'video', thumbMediaId: 'thumb_media_id' });
    expect(parseWechatOaPush(SAMPLES.location)).toMatchObject({
      type: 'location',
      latitude: '23.134521',
      longitude: '113.358803',
      scale: '20',
      label: '位置信息',
    });
    expect(parseWechatOaPush(SAMPLES.link)).toMatchObject({
      type: 'link',
      title: '公众平台官网链接',
      url: 'url',
    });
    expect(parseWechatOaPush(SAMPLES.scanSubscribe)).toMatchObject({
      type: 'event',
      event: 'subscribe',
      eventKey: 'qrscene_123123',
      ticket: 'TICKET',
    });
    expect(parseWechatOaPush(SAMPLES.click)).toMatchObject({
      type: 'event',
      event: 'CLICK',
      eventKey: 'EVENTKEY',
    });

    const big = parseWechatOaPush(
      `${head('text')}<Content><![CDATA[  两个空格 & <b>不是标签</b>\n第二行 ]]></Content><MsgId>24412345678901234567</MsgId></xml>`,
    );
    expect(big).toMatchObject({
      msgId: '24412345678901234567',
      content: '  两个空格 & <b>不是标签</b>\n第二行 ',
    });
    // Outside CDATA only the XML entities are decoded.
    expect(
      parseWechatOaPush(`${head('text')}<Content>a &amp; b &lt;3</Content><MsgId>1</MsgId></xml>`),
    ).toMatchObject({
      content: 'a & b <3',
    });
    expect(
      parseWechatOaPush(
        '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[abc=]]></Encrypt></xml>',
      ),
    ).toEqual({ type: 'encrypted', toUserName: 'gh_1', encrypt: 'abc=' });
    expect(
      parseWechatOaPush(`${head('event')}<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event></xml>`),
    ).toMatchObject({
      type: 'other',
      event: 'TEMPLATESENDJOBFINISH',
    });
  });

  it('refuses malformed pushes with a WechatParseError only', () => {
    const entityBomb = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><xml><ToUserName>&b;</ToUserName></xml>`;
    const bad = [
      '',
      '   ',
      'not xml',
      '<xml>',
      '<xml></xml>',
      '<root><a>1</a></root>',
      entityBomb,
      `${head('text')}<MsgId>1</MsgId></xml>`,
      `${head('text')}<Content>a</Content><Content>b</Content><MsgId>1</MsgId></xml>`,
      `${head('text')}<Content><b>nested</b></Content><MsgId>1</MsgId></xml>`,
      SAMPLES.text.replace('1348831860', 'yesterday'),
      SAMPLES.text.slice(0, -10),
      `<xml>${'<a>'.repeat(20000)}</xml>`,
      '<xml><__proto__>x</__proto__></xml>',
      '\u0000\uffff<xml/>',
    ];
    for (const input of bad) {
      expect(() => parseWechatOaPush(input), JSON.stringify(input.slice(0, 60))).toThrow(WechatParseError);
    }
    // Random truncations and byte flips of real samples: a WechatParseError or a push, never anything else.
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 2000; i++) {
      const sample = Object.values(SAMPLES)[i % Object.values(SAMPLES).length] as string;
      const chars = [...sample.slice(0, Math.floor(random() * sample.length) + 1)];
      chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 128));
      try {
        parseWechatOaPush(chars.join(''));
      } catch (error) {
        expect(error).toBeInstanceOf(WechatParseError);
      }
    }
  });

  it('opens requests for messages and the contact menu only, with the Chinese text an agent reads', () => {
    const plan = (xml: string, contactMenuKeys: string[] = []) =>
      planInbound(parseWechatOaPush(xml), { contactMenuKeys });
    expect(plan(SAMPLES.subscribe)).toEqual({ store: false, reason: 'follow' });
    expect(plan(SAMPLES.scanSubscribe)).toEqual({ store: false, reason: 'follow' });
    expect(plan(`${head('event')}<Event><![CDATA[unsubscribe]]></Event></xml>`)).toEqual({
      store: false,
      reason: 'unfollow',
    });
    expect(plan(SAMPLES.click)).toEqual({ store: false, reason: 'menu' });
    expect(plan(SAMPLES.click, ['EVENTKEY'])).toMatchObject({
      store: true,
      externalId: 'fromUser:1348831860:CLICK',
      openid: 'fromUser',
      text: '[菜单] 点击了「EVENTKEY」',
    });
    expect(plan(SAMPLES.location)).toMatchObject({
      text: '[位置] 位置信息 (23.134521, 113.358803)',
      externalId: '1234567890123456',
    });
    expect(plan(SAMPLES.link)).toMatchObject({ text: '[链接] 公众平台官网链接 url\n公众平台官网链接' });
    expect(plan(SAMPLES.voice)).toMatchObject({
      text: '[语音] 腾讯微信团队',
      media: { kind: 'voice', format: 'format' },
    });
    expect(plan(SAMPLES.image)).toMatchObject({
      text: '[图片]',
      media: { kind: 'image', mediaId: 'media_id' },
    });
    expect(plan(SAMPLES.text)).toMatchObject({ text: 'this is a test', sentAt: new Date(1348831860 * 1000) });
  });

  it("downloads an image's PicUrl only from WeChat's image hosts or the API host", () => {
    const api = 'https://api.weixin.qq.com';
    expect(isWechatMediaUrl('http://mmbiz.qpic.cn/mmbiz_jpg/abc/0', api)).toBe(true);
    expect(isWechatMediaUrl('https://api.weixin.qq.com/cgi-bin/media/get', api)).toBe(true);
    expect(isWechatMediaUrl('http://169.254.169.254/latest/meta-data', api)).toBe(false);
    expect(isWechatMediaUrl('http://qpic.cn.evil.example/x.jpg', api)).toBe(false);
    expect(isWechatMediaUrl('file:///etc/passwd', api)).toBe(false);
    expect(isWechatMediaUrl('not a url', api)).toBe(false);
  });
});
