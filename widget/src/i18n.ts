import type { WidgetLocale } from '@shared/web-chat';

/** The widget's own strings: a tiny dictionary keeps the bundle small (no i18n library on customers' pages). */
const zhCN = {
  launcher: '在线客服',
  title: '在线客服',
  close: '关闭',
  placeholder: '输入消息…',
  send: '发送',
  upload: '发送图片或文件',
  agent: '{name}（工号 {employeeNo}）为您服务',
  typing: '客服正在输入…',
  read: '已读',
  sending: '发送中…',
  failed: '发送失败',
  retry: '重试',
  connecting: '正在连接…',
  reconnecting: '连接中断，正在重连…',
  unavailable: '暂时无法连接客服，请稍后再试',
  offline: '我们现在不在线，留言后将于 {time} 回复您',
  offlineSoon: '我们现在不在线，留言后我们会尽快回复您',
  endChat: '结束会话',
  endConfirm: '确定结束本次会话吗？',
  endYes: '结束',
  endNo: '取消',
  ratePrompt: '请为本次服务评价',
  rate3: '满意',
  rate2: '一般',
  rate1: '不满意',
  stars: '{n} 星',
  comment: '补充说明（选填）',
  submitRating: '提交评价',
  thanks: '感谢您的评价',
  ended: '会话已结束，发送消息可开始新的会话',
  preChatIntro: '请留下您的联系方式，方便我们为您服务',
  name: '姓名',
  phone: '手机号',
  email: '邮箱',
  order: '订单号',
  required: '请填写{field}',
  start: '开始咨询',
  fileTooLarge: '文件过大，最大 {size}',
  fileType: '不支持该文件类型',
  uploadFailed: '上传失败',
};

type Strings = typeof zhCN;

const en: Strings = {
  launcher: 'Chat with us',
  title: 'Customer service',
  close: 'Close',
  placeholder: 'Type a message…',
  send: 'Send',
  upload: 'Send an image or file',
  agent: '{name} (No. {employeeNo}) is helping you',
  typing: 'Agent is typing…',
  read: 'Read',
  sending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost, reconnecting…',
  unavailable: 'Chat is unavailable right now. Please try again later.',
  offline: "We're offline right now. Leave a message and we'll reply by {time}.",
  offlineSoon: "We're offline right now. Leave a message and we'll reply as soon as we can.",
  endChat: 'End chat',
  endConfirm: 'End this chat?',
  endYes: 'End',
  endNo: 'Cancel',
  ratePrompt: 'How did we do?',
  rate3: 'Satisfied',
  rate2: 'Okay',
  rate1: 'Unsatisfied',
  stars: '{n} stars',
  comment: 'Comment (optional)',
  submitRating: 'Submit',
  thanks: 'Thanks for your feedback',
  ended: 'The chat has ended. Send a message to start a new one.',
  preChatIntro: 'Tell us how to reach you so we can help',
  name: 'Name',
  phone: 'Phone',
  email: 'Email',
  order: 'Order number',
  required: 'Please enter your {field}',
  start: 'Start chat',
  fileTooLarge: 'The file is too large (max {size})',
  fileType: 'This file type is not supported',
  uploadFailed: 'Upload failed',
};

export type StringKey = keyof Strings;
export type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

/** zh* browsers get Chinese, everyone else English, unless the host page chose a locale. */
export function resolveLocale(
  requested: string | undefined,
  browserLanguage: string | undefined,
): WidgetLocale {
  if (requested === 'zh-CN' || requested === 'en') return requested;
  return (requested ?? browserLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function translator(locale: WidgetLocale): Translate {
  const strings = locale === 'zh-CN' ? zhCN : en;
  return (key, values = {}) =>
    strings[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
