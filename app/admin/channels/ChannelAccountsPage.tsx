import { PlusOutlined } from '@ant-design/icons';
import { useChannelAccounts } from '@app/api/channel-accounts';
import type { ChannelAccountWithSecret } from '@app/api/types';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useCan } from '@app/session/use-session';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChannelAccountEditTarget, ChannelAccountFormModal } from './ChannelAccountFormModal';
import { ChannelAccountsTable } from './ChannelAccountsTable';
import { PlatformSetupModal, type ShownSetup } from './PlatformSetupModal';
import { type ShownSecret, SigningSecretModal } from './SigningSecretModal';

export function ChannelAccountsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const accounts = useChannelAccounts();
  const [editTarget, setEditTarget] = useState<ChannelAccountEditTarget>(null);
  const [shownSecret, setShownSecret] = useState<ShownSecret | null>(null);
  const [secretOpen, setSecretOpen] = useState(false);
  const [shownSetup, setShownSetup] = useState<ShownSetup | null>(null);
  const [setupOpen, setSetupOpen] = useState(false);

  const showSecret = (reason: ShownSecret['reason']) => (result: ChannelAccountWithSecret) => {
    setShownSecret({ result, reason });
    setSecretOpen(true);
  };

  const showSetup = (setup: ShownSetup) => {
    setShownSetup(setup);
    setSetupOpen(true);
  };

  return (
    <>
      <PageHeader
        title={t('channelAccounts.title')}
        description={t('channelAccounts.intro')}
        extra={
          can('channels:manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditTarget('new')}>
              {t('channelAccounts.create')}
            </Button>
          )
        }
      />
      {accounts.isError && !accounts.data ? (
        <LoadFailed error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : (
        <ChannelAccountsTable
          accounts={accounts.data ?? []}
          loading={accounts.isPending}
          onEdit={setEditTarget}
          onSecret={showSecret('rotated')}
          onSetup={(account) => showSetup({ account, reason: 'opened' })}
        />
      )}
      <ChannelAccountFormModal
        target={editTarget}
        onClose={() => setEditTarget(null)}
        onCreated={showSecret('created')}
        onPlatformSetup={showSetup}
      />
      <SigningSecretModal
        shown={shownSecret}
        open={secretOpen}
        onClose={() => setSecretOpen(false)}
        // The secret leaves memory only once the dialog has faded out, so it does not vanish mid-animation.
        afterClose={() => setShownSecret(null)}
      />
      <PlatformSetupModal
        shown={shownSetup}
        open={setupOpen}
        onClose={() => setSetupOpen(false)}
        // The verify token leaves memory with the dialog, like the signing secret.
        afterClose={() => setShownSetup(null)}
      />
    </>
  );
}
