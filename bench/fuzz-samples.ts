/**
 * Valid payloads the fuzz run damages, shaped as the platforms document them (公众号 消息推送, WeCom 微信客服
 * callbacks and kf/sync_msg, WhatsApp Cloud API webhooks, Douyin mini-app 客服 pushes). Each must parse as-is:
 * fuzzing from a sample the parser already rejects would only exercise its first check.
 */
const wechatText = `<xml><ToUserName><![CDATA[gh_3f1b2c4d5e6f]]></ToUserName><FromUserName><![CDATA[oUpF8uMuAJO_M2pxb1Q9zNjWeS6o]]></FromUserName><CreateTime>1764640000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[订单 DD20231027001 的空调还没送到]]></Content><MsgId>24568123456789012</MsgId></xml>`;
const wechatImage = `<xml><ToUserName><![CDATA[gh_3f1b2c4d5e6f]]></ToUserName><FromUserName><![CDATA[oUpF8uMuAJO_M2pxb1Q9zNjWeS6o]]></FromUserName><CreateTime>1764640001</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz.qpic.cn/mmbiz_jpg/example/0]]></PicUrl><MediaId><![CDATA[media_id_123]]></MediaId><MsgId>24568123456789013</MsgId></xml>`;
const wechatLocation = `<xml><ToUserName><![CDATA[gh_3f1b2c4d5e6f]]></ToUserName><FromUserName><![CDATA[oUpF8uMuAJO_M2pxb1Q9zNjWeS6o]]></FromUserName><CreateTime>1764640002</CreateTime><MsgType><![CDATA[location]]></MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[广州市天河区]]></Label><MsgId>24568123456789014</MsgId></xml>`;
const wechatEvent = `<xml><ToUserName><![CDATA[gh_3f1b2c4d5e6f]]></ToUserName><FromUserName><![CDATA[oUpF8uMuAJO_M2pxb1Q9zNjWeS6o]]></FromUserName><CreateTime>1764640003</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[CONTACT_SERVICE]]></EventKey></xml>`;
const wechatSafeEnvelope = `<xml><ToUserName><![CDATA[gh_3f1b2c4d5e6f]]></ToUserName><Encrypt><![CDATA[P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==]]></Encrypt></xml>`;

const wecomEnvelope = `<xml><ToUserName><![CDATA[ww5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`;
const wecomEvent = `<xml><ToUserName><![CDATA[ww5823bf96d3bd56c7]]></ToUserName><CreateTime>1764640000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token><OpenKfId><![CDATA[wkxxxxxxxxxxxxxxxxxx]]></OpenKfId></xml>`;

const wecomSync = {
  errcode: 0,
  errmsg: 'ok',
  next_cursor: '4gw7MepFLfgF2VC5npN',
  has_more: 1,
  msg_list: [
    {
      msgid: 'from_msgid_4622416642169452483',
      open_kfid: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
      external_userid: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
      send_time: 1764640000,
      origin: 3,
      msgtype: 'text',
      text: { content: '你好，订单还没发货' },
    },
    {
      msgid: 'from_msgid_4622416642169452484',
      open_kfid: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
      external_userid: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
      send_time: 1764640001,
      origin: 3,
      msgtype: 'image',
      image: { media_id: '2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw' },
    },
    {
      msgid: 'from_msgid_4622416642169452485',
      send_time: 1764640002,
      origin: 4,
      msgtype: 'event',
      event: {
        event_type: 'enter_session',
        open_kfid: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
        external_userid: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
        scene: '123',
        welcome_code: 'aaaaaa',
      },
    },
  ],
};

const whatsappMessage = {
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
            messages: [
              {
                from: '16505551234',
                id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
                timestamp: '1749416383',
                type: 'text',
                text: { body: 'Does it come in another color?' },
              },
            ],
          },
          field: 'messages',
        },
      ],
    },
  ],
};

const whatsappStatus = {
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            statuses: [
              {
                id: 'wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA',
                status: 'failed',
                timestamp: '1750263773',
                recipient_id: '16505551234',
                errors: [{ code: 131047, title: 'Re-engagement message' }],
              },
            ],
          },
          field: 'messages',
        },
      ],
    },
  ],
};

// Douyin sends its 64-bit ids as bare JSON numbers; the parser reads them from the raw text, so these stay text.
const douyinText =
  '{ "app_id": "tt07e3715e98c9aac0", "conversation_id": 7494205308479291111, "msg_id": 7494460928000411111, "create_time": 1764640000524, "msg_type": "text", "open_id": "_000Iuoq1hxt4Kva16Y6szdms7qujIqiwvOx", "pic_url": null, "content": "{\\"text\\":\\"小程序里的订单怎么退款？\\",\\"action\\":{}}" }';
const douyinImage =
  '{ "app_id": "tt07e3715e98c9aac0", "conversation_id": 7494205308479291111, "msg_id": 7494460928000411112, "create_time": 1764640001944, "msg_type": "image", "open_id": "_000Iuoq1hxt4Kva16Y6szdms7qujIqiwvOx", "pic_url": "https://p3-sign.douyinpic.com/example.jpeg", "content": null }';

export const FUZZ_SAMPLES = {
  wechatOa: [wechatText, wechatImage, wechatLocation, wechatEvent, wechatSafeEnvelope],
  wecomCallback: [wecomEnvelope, wecomEvent],
  wecomSync: [wecomSync],
  whatsapp: [whatsappMessage, whatsappStatus],
  douyin: [douyinText, douyinImage],
} as const;
