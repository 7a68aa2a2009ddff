import {
  ApiOutlined,
  CommentOutlined,
  GlobalOutlined,
  MailOutlined,
  MessageOutlined,
  MobileOutlined,
  PhoneOutlined,
  QqOutlined,
  ShopOutlined,
  ShoppingOutlined,
  TaobaoOutlined,
  TikTokOutlined,
  WechatOutlined,
  WechatWorkOutlined,
  WeiboOutlined,
  WhatsAppOutlined,
  ZhihuOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

const ICONS: Record<string, ReactNode> = {
  web_chat: <GlobalOutlined />,
  email: <MailOutlined />,
  phone: <PhoneOutlined />,
  sms: <MessageOutlined />,
  wechat: <WechatOutlined />,
  wecom: <WechatWorkOutlined />,
  whatsapp: <WhatsAppOutlined />,
  taobao: <TaobaoOutlined />,
  jd: <ShoppingOutlined />,
  pinduoduo: <ShoppingOutlined />,
  douyin: <TikTokOutlined />,
  kuaishou: <TikTokOutlined />,
  weibo: <WeiboOutlined />,
  zhihu: <ZhihuOutlined />,
  qq: <QqOutlined />,
  app: <MobileOutlined />,
  api: <ApiOutlined />,
  store: <ShopOutlined />,
};

/** The channel's logo where one exists, a speech bubble otherwise (xiaohongshu, other, adapters added later). */
export function ChannelIcon({ channel }: { channel: string }) {
  return <>{ICONS[channel] ?? <CommentOutlined />}</>;
}
