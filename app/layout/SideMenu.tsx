import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BranchesOutlined,
  CalendarOutlined,
  ClusterOutlined,
  ContactsOutlined,
  DashboardOutlined,
  FormOutlined,
  HomeOutlined,
  InboxOutlined,
  KeyOutlined,
  MailOutlined,
  MessageOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { LiveChatNavBadge } from '@app/live-chat/LiveChatNavBadge';
import { useCan } from '@app/session/use-session';
import type { Permission } from '@shared/permissions';
import { Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

interface NavEntry {
  path: string;
  label: string;
  icon: ReactNode;
  permission: Permission;
  /** Shown after the label (a count). */
  badge?: ReactNode;
}

/** Left navigation; entries the user's role cannot open are left out rather than shown disabled. */
export function SideMenu() {
  const { t } = useTranslation();
  const can = useCan();
  const { pathname } = useLocation();

  const allDeskEntries: NavEntry[] = [
    { path: '/tickets', label: t('nav.tickets'), icon: <InboxOutlined />, permission: 'tickets:read' },
    {
      path: '/live-chat',
      label: t('nav.liveChat'),
      icon: <MessageOutlined />,
      permission: 'tickets:read',
      badge: <LiveChatNavBadge />,
    },
    { path: '/calls', label: t('nav.callLog'), icon: <PhoneOutlined />, permission: 'tickets:create' },
    {
      path: '/manual-entry',
      label: t('nav.manualEntry'),
      icon: <FormOutlined />,
      permission: 'tickets:create',
    },
    {
      path: '/customers',
      label: t('nav.customers'),
      icon: <ContactsOutlined />,
      permission: 'customers:read',
    },
    {
      path: '/incidents',
      label: t('nav.incidents'),
      icon: <AlertOutlined />,
      permission: 'incidents:read',
    },
  ];
  const deskEntries = allDeskEntries.filter((entry) => can(entry.permission));

  const allAdminEntries: NavEntry[] = [
    { path: '/admin/users', label: t('nav.users'), icon: <TeamOutlined />, permission: 'users:read' },
    {
      path: '/admin/departments',
      label: t('nav.departments'),
      icon: <ApartmentOutlined />,
      permission: 'departments:read',
    },
    {
      path: '/admin/api-tokens',
      label: t('nav.apiTokens'),
      icon: <KeyOutlined />,
      permission: 'api_tokens:read',
    },
    {
      path: '/admin/channels',
      label: t('nav.channels'),
      icon: <ApiOutlined />,
      permission: 'channels:read',
    },
    {
      path: '/admin/web-chat',
      label: t('nav.webChat'),
      icon: <WechatOutlined />,
      permission: 'channels:read',
    },
    {
      path: '/admin/mailboxes',
      label: t('nav.mailboxes'),
      icon: <MailOutlined />,
      permission: 'channels:read',
    },
    {
      path: '/admin/quick-replies',
      label: t('nav.quickReplies'),
      icon: <ThunderboltOutlined />,
      permission: 'quick_replies:read',
    },
    {
      path: '/admin/calendars',
      label: t('nav.calendars'),
      icon: <CalendarOutlined />,
      permission: 'service_levels:read',
    },
    {
      path: '/admin/sla',
      label: t('nav.slaPolicies'),
      icon: <DashboardOutlined />,
      permission: 'service_levels:read',
    },
    {
      path: '/admin/sla/presets',
      label: t('nav.slaPresets'),
      icon: <SolutionOutlined />,
      permission: 'service_levels:read',
    },
    {
      path: '/admin/routing/rules',
      label: t('nav.routingRules'),
      icon: <BranchesOutlined />,
      permission: 'routing:read',
    },
    {
      path: '/admin/routing/risk',
      label: t('nav.routingRisk'),
      icon: <SafetyCertificateOutlined />,
      permission: 'routing:read',
    },
    {
      path: '/admin/routing/teams',
      label: t('nav.routingTeams'),
      icon: <ClusterOutlined />,
      permission: 'routing:read',
    },
    { path: '/admin/audit', label: t('nav.audit'), icon: <AuditOutlined />, permission: 'audit_log:read' },
    {
      path: '/admin/workspace',
      label: t('nav.workspace'),
      icon: <SettingOutlined />,
      permission: 'workspace:read',
    },
    {
      path: '/admin/privacy',
      label: t('nav.privacy'),
      icon: <SafetyOutlined />,
      permission: 'workspace:update',
    },
  ];
  const adminEntries = allAdminEntries.filter((entry) => can(entry.permission));

  const toItem = (entry: Pick<NavEntry, 'path' | 'label' | 'icon' | 'badge'>) => ({
    key: entry.path,
    icon: entry.icon,
    label: (
      <Link to={entry.path}>
        {entry.label}
        {entry.badge}
      </Link>
    ),
  });

  const items: MenuProps['items'] = [
    toItem({ path: '/', label: t('nav.home'), icon: <HomeOutlined /> }),
    ...deskEntries.map(toItem),
  ];
  if (adminEntries.length > 0) {
    items.push({ type: 'group', key: 'admin', label: t('nav.admin'), children: adminEntries.map(toItem) });
  }

  // The longest matching entry wins: /admin/sla/presets is 服务方案, not SLA 策略.
  const selected = [...deskEntries, ...adminEntries]
    .filter((entry) => pathname.startsWith(entry.path))
    .reduce<string | undefined>(
      (best, entry) => (best && best.length >= entry.path.length ? best : entry.path),
      undefined,
    );
  const selectedKeys = pathname === '/' ? ['/'] : selected ? [selected] : [];

  return <Menu theme="dark" mode="inline" items={items} selectedKeys={selectedKeys} />;
}
