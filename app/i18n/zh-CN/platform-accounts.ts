/** Messaging-platform accounts on 渠道接入: field names as each platform's console shows them. */
export const platformAccountsZh = {
  kind: '接入方式',
  kinds: {
    api: '签名 API 渠道',
    wechat_oa: '微信公众号',
    wecom_kf: '企业微信 微信客服',
    whatsapp: 'WhatsApp',
    douyin: '抖音小程序',
  },
  kindHelp: {
    api: '自建程序或服务商的桥接程序以签名请求推送淘宝、京东等平台的消息。',
    wechat_oa: '服务号或订阅号的粉丝消息，经公众平台的服务器配置推送到 Kefu，回复经客服消息接口发出。',
    wecom_kf: '企业微信「微信客服」的客户消息，经回调通知 Kefu 拉取，回复经客服账号发出。',
    whatsapp: 'WhatsApp Cloud API：消息经 Meta 的 Webhook 推送，24 小时外只能发送已审核的模板消息。',
    douyin: '抖音小程序客服消息，经开放平台的消息推送接入，48 小时内每条客户消息最多回复 5 条。',
  },
  fields: {
    wechat_oa: {
      appId: '开发者ID(AppID)',
      appSecret: '开发者密码(AppSecret)',
      token: '令牌(Token)',
      encodingAesKey: '消息加解密密钥(EncodingAESKey)',
      encryption: '消息加解密方式',
      contactMenuKeys: '「联系客服」菜单的 key',
    },
    wecom_kf: {
      corpId: '企业ID(CorpID)',
      secret: '微信客服 Secret',
      token: 'Token',
      encodingAesKey: 'EncodingAESKey',
      openKfId: '客服账号 open_kfid',
      welcomeMessage: '欢迎语',
    },
    whatsapp: {
      phoneNumberId: 'Phone number ID',
      businessAccountId: 'WhatsApp Business Account ID',
      accessToken: '永久访问令牌',
      appSecret: 'App Secret',
      verifyToken: 'Verify token',
      apiVersion: 'Graph API 版本',
    },
    douyin: {
      appId: 'AppID',
      appSecret: 'AppSecret',
      token: 'Token',
      senderName: '回复人名称(sender_name)',
    },
  },
  help: {
    wechat_oa: {
      appId: '公众平台 → 设置与开发 → 基本配置 → 公众号开发信息。',
      token: '与服务器配置中填写的令牌相同，3–32 位字母或数字。',
      encodingAesKey:
        '与服务器配置中的相同（可在公众平台随机生成）；明文模式可不填。更换后旧密钥仍会被接受一段时间。',
      contactMenuKeys:
        '自定义菜单中点击后开启咨询的按钮 key（EventKey），回车分隔；其他点击、关注和取关不会生成工单。',
    },
    wecom_kf: {
      corpId: '企业微信管理后台 → 我的企业 → 企业信息。',
      secret: '应用管理 → 微信客服 → API 中的 Secret。',
      token: '与回调配置中的 Token 相同。',
      encodingAesKey: '与回调配置中的 EncodingAESKey 相同。更换后旧密钥仍会被接受一段时间。',
      openKfId:
        '此接入服务的客服账号（wk 开头）；留空则接收本企业所有客服账号的消息。回复总是从客户联系的客服账号发出。',
      welcomeMessage: '客户进入会话时自动发送；留空则不发送。',
    },
    whatsapp: {
      phoneNumberId: 'Meta App Dashboard → WhatsApp → API Setup 中的 Phone number ID。',
      accessToken: '系统用户的永久访问令牌（需 whatsapp_business_messaging 权限）。',
      appSecret: '应用设置 → 基本 → 应用密钥，用于校验 X-Hub-Signature-256。',
      verifyToken: '任意字符串（至少 8 位），同时填到 Meta 的 Webhook 配置中。',
    },
    douyin: {
      appId: '抖音开发者后台 → 开发 → 开发配置。',
      token: '与消息推送配置中的 Token 相同，3–32 个字符。',
      senderName:
        '抖音客服后台中显示的回复人（开放平台用户名）；不填时该后台把回复人显示为 “Error”，客户看到的内容不受影响。',
    },
  },
  encryption: {
    plaintext: '明文模式',
    compatible: '兼容模式',
    safe: '安全模式（推荐）',
  },
  rules: {
    wechatAppId: 'AppID 为 wx 加 16 位十六进制字符',
    corpId: 'CorpID 一般以 ww 开头',
    digits: '只能填数字',
    token: 'Token 为 3–32 位字母或数字',
    aesKey: 'EncodingAESKey 为 43 位字母或数字',
    douyinAppId: '抖音小程序的 AppID 以 tt 开头',
    douyinToken: 'Token 为 3–32 个字符',
    verifyToken: '至少 8 个字符，不能有空格',
    apiVersion: '格式如 v21.0',
    httpUrl: '请输入以 https:// 开头的完整地址',
  },
  required: '请填写{{label}}',
  aesKeyRequired: '兼容模式和安全模式需要填写 EncodingAESKey',
  secretSaved: '已保存，留空则不变',
  generate: '生成',
  advanced: '高级设置',
  apiBaseUrl: 'API 地址',
  apiBaseUrlHelp: '留空即使用官方地址；仅在经代理访问平台时修改。',
  kindFixed: '接入方式：{{kind}}（创建后不能更改）',
  repliesViaPlatform: '经平台接口回复',
  secretsStored: '已保存 {{count}} 项密钥',
  noSecrets: '未保存密钥',
  setupButton: '接入说明',
  setup: {
    createdTitle: '{{kind}}已创建，请到平台填写回调地址',
    title: '接入说明：{{name}}',
    urlLabel: {
      wechat_oa: '服务器地址(URL)',
      wecom_kf: '回调 URL',
      whatsapp: 'Callback URL',
      douyin: '消息推送 URL',
    },
    where: {
      wechat_oa: '公众平台 → 设置与开发 → 基本配置 → 服务器地址(URL)',
      wecom_kf: '企业微信管理后台 → 应用管理 → 微信客服 → API → 回调配置',
      whatsapp: 'Meta App Dashboard → WhatsApp → Configuration → Callback URL',
      douyin: '抖音开放平台 → 开发 → 消息推送',
    },
    pasteTo: '粘贴到：',
    alsoEnter: {
      wechat_oa:
        '同一页面填写与这里相同的令牌(Token)和消息加解密密钥(EncodingAESKey)，选择相同的消息加解密方式，提交后启用服务器配置。',
      wecom_kf:
        '同一处填写相同的 Token 和 EncodingAESKey；保存时企业微信会向此地址发送校验请求，由 Kefu 自动应答。再在 微信客服 → 客服账号 → 接待方式 中选择“通过API管理”。',
      whatsapp: '在 Verify token 处填写下方的校验令牌，验证通过后在 Webhook fields 中订阅 messages。',
      douyin: '填写相同的 Token，数据格式选择 JSON。',
    },
    verifyTokenStored: '校验令牌已加密保存，不再显示；如已遗忘，可在“编辑”中生成新的，再填到 Meta 的配置中。',
    notPublic:
      '平台只能访问公网 HTTPS 地址。当前地址 {{origin}} 不是公网 HTTPS 地址，请换成 Kefu 对外的域名。',
    docs: '完整步骤见代码仓库中的 docs/{{file}}.zh-CN.md（英文版：docs/{{file}}.en.md）。',
    done: '完成',
  },
  test: {
    button: '测试连接',
    ok: '连接成功',
    failed: '连接失败',
    okDetail: '连接成功：{{detail}}',
    failedDetail: '连接失败：{{detail}}',
  },
};
