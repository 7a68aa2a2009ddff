import { useUpdateMe } from '@app/api/me';
import { LanguageSwitch } from '@app/components/LanguageSwitch';
import { applyLocale } from '@app/i18n';
import { NotificationBell } from '@app/notifications/NotificationBell';
import { RealtimeStatusBadge } from '@app/realtime/RealtimeStatusBadge';
import { useCan, useSession } from '@app/session/use-session';
import type { Locale } from '@shared/roles';
import { App, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { GlobalTicketSearch } from './GlobalTicketSearch';
import { PresenceSwitch } from './PresenceSwitch';
import { UserMenu } from './UserMenu';

export function HeaderBar() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useSession();
  const updateMe = useUpdateMe();
  const can = useCan();

  // The switch applies at once; saving it to the account makes it follow the user to other browsers.
  const switchLanguage = (locale: Locale) => {
    applyLocale(locale);
    updateMe.mutate({ locale }, { onError: () => void message.warning(t('header.languageSaveFailed')) });
  };

  return (
    <Flex align="center" justify="space-between" gap={16} style={{ height: '100%' }}>
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        <Typography.Text strong ellipsis style={{ fontSize: 16 }}>
          {workspace.name}
        </Typography.Text>
        {workspace.isDemo && <Tag color="orange">{t('header.demo')}</Tag>}
        {can('tickets:read') && <RealtimeStatusBadge />}
      </Flex>
      <Flex align="center" gap={16}>
        {can('tickets:read') && <GlobalTicketSearch />}
        {can('notifications:read') && <NotificationBell />}
        {can('tickets:reply') && <PresenceSwitch />}
        <LanguageSwitch onChange={switchLanguage} />
        <UserMenu />
      </Flex>
    </Flex>
  );
}
