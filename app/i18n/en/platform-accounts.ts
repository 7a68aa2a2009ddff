import type { platformAccountsZh } from '../zh-CN/platform-accounts';

export const platformAccountsEn: typeof platformAccountsZh = {
  kind: 'Connection type',
  kinds: {
    api: 'Signed API channel',
    wechat_oa: 'WeChat Official Account',
    wecom_kf: 'WeCom Customer Service',
    whatsapp: 'WhatsApp',
    douyin: 'Douyin mini-app',
  },
  kindHelp: {
    api: "Your own program or a provider's bridge posts messages from Taobao, JD and other platforms as signed requests.",
    wechat_oa:
      "Followers' messages to a service or subscription account, pushed through the Official Account's server configuration; replies go out through the customer service message API.",
    wecom_kf:
      'Messages to WeCom Customer Service (微信客服): a callback tells Kefu to fetch them; replies go out from the service account.',
    whatsapp:
      'WhatsApp Cloud API: messages arrive through the Meta webhook; after 24 hours only approved templates can be sent.',
    douyin:
      'Douyin mini-app customer service messages, pushed by the open platform; up to 5 replies per customer message within 48 hours.',
  },
  fields: {
    wechat_oa: {
      appId: 'AppID',
      appSecret: 'AppSecret',
      token: 'Token',
      encodingAesKey: 'EncodingAESKey',
      encryption: 'Message encryption',
      contactMenuKeys: 'Contact-us menu keys',
    },
    wecom_kf: {
      corpId: 'CorpID',
      secret: 'Customer Service Secret',
      token: 'Token',
      encodingAesKey: 'EncodingAESKey',
      openKfId: 'Service account open_kfid',
      welcomeMessage: 'Welcome message',
    },
    whatsapp: {
      phoneNumberId: 'Phone number ID',
      businessAccountId: 'WhatsApp Business Account ID',
      accessToken: 'Permanent access token',
      appSecret: 'App Secret',
      verifyToken: 'Verify token',
      apiVersion: 'Graph API version',
    },
    douyin: {
      appId: 'AppID',
      appSecret: 'AppSecret',
      token: 'Token',
      senderName: 'Sender name (sender_name)',
    },
  },
  help: {
    wechat_oa: {
      appId:
        'Official Accounts Platform → Settings and Development → Basic Configuration → Developer information.',
      token: 'The same Token as in the server configuration: 3–32 letters and digits.',
      encodingAesKey:
        'The same key as in the server configuration (the platform can generate one); not needed in plaintext mode. After a change the previous key is still accepted for a while.',
      contactMenuKeys:
        'Custom-menu button keys (EventKey) whose click opens a request; press Enter after each. Other clicks, follows and unfollows open no ticket.',
    },
    wecom_kf: {
      corpId: 'WeCom admin console → My Company → Company Information.',
      secret: 'The Secret under App Management → Customer Service → API.',
      token: 'The same Token as in the callback configuration.',
      encodingAesKey:
        'The same EncodingAESKey as in the callback configuration. After a change the previous key is still accepted for a while.',
      openKfId:
        'The service account (wk…) this channel serves; empty: every service account of the company. Replies always come from the account the customer wrote to.',

      welcomeMessage: 'Sent when a customer enters the session; empty: none.',
    },
    whatsapp: {
      phoneNumberId: 'The Phone number ID under Meta App Dashboard → WhatsApp → API Setup.',
      accessToken: "A system user's permanent access token (with whatsapp_business_messaging).",
      appSecret: 'App settings → Basic → App secret; used to check X-Hub-Signature-256.',
      verifyToken: 'Any string of at least 8 characters, also entered in the Meta webhook configuration.',
    },
    douyin: {
      appId: 'Douyin developer console → Development → Development configuration.',
      token: 'The same Token as in the message push configuration, 3–32 characters.',
      senderName:
        'The open-platform user name Douyin\'s own customer service console shows for replies; without it that console shows "Error". Customers see the same either way.',
    },
  },
  encryption: {
    plaintext: 'Plaintext',
    compatible: 'Compatible',
    safe: 'Safe (recommended)',
  },
  rules: {
    wechatAppId: 'An AppID is wx followed by 16 hex digits',
    corpId: 'A CorpID usually starts with ww',
    digits: 'Digits only',
    token: 'The Token is 3–32 letters and digits',
    aesKey: 'The EncodingAESKey is 43 letters and digits',
    douyinAppId: 'A Douyin mini-app AppID starts with tt',
    douyinToken: 'The Token is 3–32 characters',
    verifyToken: 'At least 8 characters, no spaces',
    apiVersion: 'Like v21.0',
    httpUrl: 'Enter a full address starting with https://',
  },
  required: 'Enter the {{label}}',
  aesKeyRequired: 'Compatible and safe mode need the EncodingAESKey',
  secretSaved: 'Saved; leave empty to keep it',
  generate: 'Generate',
  advanced: 'Advanced',
  apiBaseUrl: 'API address',
  apiBaseUrlHelp:
    "Empty: the platform's official address. Change it only when the platform is reached through a proxy.",
  kindFixed: 'Connection type: {{kind}} (cannot be changed after creation)',
  repliesViaPlatform: "Replies through the platform's API",
  secretsStored: '{{count}} secrets saved',
  noSecrets: 'No secrets saved',
  setupButton: 'Setup',
  setup: {
    createdTitle: '{{kind}} created: enter the callback URL on the platform',
    title: 'Setup: {{name}}',
    urlLabel: {
      wechat_oa: 'Server URL',
      wecom_kf: 'Callback URL',
      whatsapp: 'Callback URL',
      douyin: 'Message push URL',
    },
    where: {
      wechat_oa: 'Official Accounts Platform → Settings and Development → Basic Configuration → Server URL',
      wecom_kf: 'WeCom admin console → App Management → Customer Service → API → Callback configuration',
      whatsapp: 'Meta App Dashboard → WhatsApp → Configuration → Callback URL',
      douyin: 'Douyin Open Platform → Development → Message push',
    },
    pasteTo: 'Paste into: ',
    alsoEnter: {
      wechat_oa:
        'On the same page enter the same Token and EncodingAESKey, choose the same encryption mode, submit, then enable the server configuration.',
      wecom_kf:
        "Enter the same Token and EncodingAESKey there; on saving, WeCom sends a verification request to this URL, which Kefu answers. Then set the service account's reception mode (接待方式) to managed through the API (通过API管理).",
      whatsapp:
        'Enter the verify token below as the Verify token; once verified, subscribe to messages under Webhook fields.',
      douyin: 'Enter the same Token and choose JSON as the data format.',
    },
    verifyTokenStored:
      'The verify token is stored encrypted and not shown again; if it is lost, generate a new one under Edit and enter it at Meta.',
    notPublic:
      'Platforms can only reach a public HTTPS address. {{origin}} is not one: use the public domain Kefu is reached at.',
    docs: 'The full steps are in docs/{{file}}.en.md in the code repository (Chinese: docs/{{file}}.zh-CN.md).',
    done: 'Done',
  },
  test: {
    button: 'Test connection',
    ok: 'Connected',
    failed: 'Connection failed',
    okDetail: 'Connected: {{detail}}',
    failedDetail: 'Connection failed: {{detail}}',
  },
};
