import { TICKET_STATUS_TITLES_ZH } from '@shared/tickets';

/** Names of stored ticket values: statuses (the seeds' own titles), default priority names, channels. */
export const ticketValuesZh = {
  ticketStatus: { ...TICKET_STATUS_TITLES_ZH },
  /** Only until the workspace's own priority names have loaded. */
  ticketPriority: { urgent: '紧急', important: '重要', normal: '一般' },
  channels: {
    web_chat: '网页聊天',
    email: '邮件',
    phone: '电话',
    sms: '短信',
    wechat: '微信',
    wecom: '企业微信',
    whatsapp: 'WhatsApp',
    taobao: '淘宝',
    jd: '京东',
    pinduoduo: '拼多多',
    douyin: '抖音',
    kuaishou: '快手',
    weibo: '微博',
    xiaohongshu: '小红书',
    zhihu: '知乎',
    qq: 'QQ',
    app: 'App',
    api: 'API',
    store: '门店',
    other: '其他',
  },
};
