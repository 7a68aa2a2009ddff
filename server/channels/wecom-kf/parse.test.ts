import { describe, expect, it } from 'vitest';
import { parseSyncMsgResponse, parseWecomCallback, WecomParseError } from './parse';
import { deliveryResultOf, recipientOf, wecomMsgIdOf } from './send';
import { textOf } from './sync';

// The 接收消息和事件 samples of developer.work.weixin.qq.com/document/path/94670 (the callback and a text message).
const PUBLISHED_NOTICE = `<xml>
<ToUserName><![CDATA[ww12345678910]]></ToUserName>
<CreateTime>1348831860</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[kf_msg_or_event]]></Event>
<Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token>
<OpenKfId><![CDATA[wkxxxxxxx]]></OpenKfId>
</xml>`;

const publishedPage = (msgList: unknown[]) => ({
  errcode: 0,
  errmsg: 'ok',
  next_cursor: '4gw7MepFLfgF2VC5npN',
  has_more: 1,
  msg_list: msgList,
});

describe('parseWecomCallback', () => {
  it('reads the published kf_msg_or_event notice, keeping every value a string', () => {
    expect(parseWecomCallback(PUBLISHED_NOTICE)).toEqual({
      kind: 'notice',
      toUserName: 'ww12345678910',
      msgType: 'event',
      event: 'kf_msg_or_event',
      token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
      openKfId: 'wkxxxxxxx',
      createTime: '1348831860',
    });
  });

  it('reads the encrypted envelope', () => {
    const envelope = parseWecomCallback(
      '<xml><ToUserName><![CDATA[ww5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[P9nAzCzy+/==]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>',
    );
    expect(envelope).toEqual({
      kind: 'envelope',
      toUserName: 'ww5823bf96d3bd56c7',
      encrypt: 'P9nAzCzy+/==',
      agentId: '',
    });
  });

  it.each([
    ['empty', ''],
    ['not XML', '{"Encrypt":"x"}'],
    ['another root', '<root><Encrypt>x</Encrypt></root>'],
    ['a repeated field', '<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>'],
    ['a nested field', '<xml><Encrypt><a>b</a></Encrypt></xml>'],
    ['neither Encrypt nor MsgType', '<xml><ToUserName>ww1</ToUserName></xml>'],
    ['a DOCTYPE', '<!DOCTYPE xml [<!ENTITY a "aaaa">]><xml><MsgType>&a;</MsgType></xml>'],
    ['text alone', '<xml>hello</xml>'],
  ])('refuses %s with a WecomParseError', (_what, xml) => {
    expect(() => parseWecomCallback(xml)).toThrow(WecomParseError);
  });
});

describe('parseSyncMsgResponse', () => {
  it('reads customer messages, events and servicer messages of a published-shape page', () => {
    const page = parseSyncMsgResponse(
      publishedPage([
        {
          msgid: 'from_msgid_4622416642169452483',
          open_kfid: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
          external_userid: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
          send_time: 1615478585,
          origin: 3,
          msgtype: 'text',
          text: { content: '你好', menu_id: '101' },
        },
        {
          msgid: 'event-1',
          send_time: 1615478586,
          origin: 4,
          msgtype: 'event',
          event: {
            event_type: 'enter_session',
            scene: '123',
            open_kfid: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
            external_userid: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
            welcome_code: 'aaaaaa',
          },
        },
        {
          msgid: 'svc-1',
          open_kfid: 'wk1',
          external_userid: 'wm1',
          origin: 5,
          msgtype: 'text',
          text: { content: 'x' },
        },
        { msgid: 'odd', origin: 'three', msgtype: 'text' },
      ]),
    );
    expect(page).toMatchObject({ ok: true, nextCursor: '4gw7MepFLfgF2VC5npN', hasMore: true, unreadable: 1 });
    if (!page.ok) throw new Error('not ok');
    expect(page.messages[0]).toEqual({
      msgId: 'from_msgid_4622416642169452483',
      openKfId: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
      externalUserId: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
      sendTime: new Date(1615478585_000),
      origin: 3,
      content: { type: 'text', text: '你好' },
    });
    // An event names the account and customer inside `event`.
    expect(page.messages[1]).toMatchObject({
      openKfId: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
      externalUserId: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
      origin: 4,
      content: { type: 'event', event: { eventType: 'enter_session', welcomeCode: 'aaaaaa', scene: '123' } },
    });
    expect(page.messages[2]?.origin).toBe(5);
  });

  it('returns a refusal as such, and throws only WecomParseError for a wrong shape', () => {
    expect(parseSyncMsgResponse({ errcode: 95007, errmsg: 'invalid msg token' })).toEqual({
      ok: false,
      errcode: 95007,
      errmsg: 'invalid msg token',
    });
    for (const bad of [
      null,
      'ok',
      [],
      { errcode: 'x' },
      { errcode: 0, msg_list: [] },
      { has_more: 0, msg_list: {} },
    ]) {
      expect(() => parseSyncMsgResponse(bad)).toThrow(WecomParseError);
    }
  });

  it('shows the agent what kind of message came when it is not text', () => {
    expect(textOf({ type: 'voice', mediaId: 'm' })).toBe('[语音]');
    expect(
      textOf({ type: 'link', title: '退货政策', description: '', url: 'https://shop.example/returns' }),
    ).toBe('[链接] 退货政策 https://shop.example/returns');
    expect(textOf({ type: 'other', msgType: 'business_card' })).toBe('[business_card]');
  });
});

describe('replies', () => {
  it('derives a msgid WeCom accepts (≤ 32 of [0-9a-zA-Z_-]), the same for a retry of the same reply', () => {
    const key = 'reply-6f1c1f0e-5b7e-4c53-9a55-0d3c3f0e9b11';
    expect(wecomMsgIdOf(key)).toMatch(/^[0-9a-zA-Z_-]{1,32}$/);
    expect(wecomMsgIdOf(key)).toBe(wecomMsgIdOf(key));
    expect(wecomMsgIdOf(key, 1)).not.toBe(wecomMsgIdOf(key));
  });

  it('maps WeCom refusals to the failures the agent sees', () => {
    const answer = (errcode: number) => ({ errcode, errmsg: 'x', body: {} });
    expect(deliveryResultOf(answer(95001))).toMatchObject({ code: 'quota_exhausted', permanent: true });
    expect(deliveryResultOf(answer(95013))).toMatchObject({ code: 'window_expired', permanent: true });
    expect(deliveryResultOf(answer(95018))).toMatchObject({ code: 'window_expired', permanent: true });
    expect(deliveryResultOf(answer(40096))).toMatchObject({ code: 'invalid_recipient', permanent: true });
    expect(deliveryResultOf(answer(95004))).toMatchObject({ code: 'invalid_recipient', permanent: true });
    expect(deliveryResultOf(answer(-1))).toMatchObject({ code: 'transient', permanent: false });
    expect(deliveryResultOf(answer(40008))).toMatchObject({ code: 'rejected', permanent: true });
    expect(recipientOf('wkAJ2:wmAJ2-x')).toEqual({ openKfId: 'wkAJ2', externalUserId: 'wmAJ2-x' });
    expect(recipientOf('no-colon')).toBeNull();
  });
});
