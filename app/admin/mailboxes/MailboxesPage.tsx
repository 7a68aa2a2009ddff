import { PlusOutlined } from '@ant-design/icons';
import { type Mailbox, useMailboxes } from '@app/api/mailboxes';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useCan } from '@app/session/use-session';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MailboxDrawer, type MailboxEditTarget } from './MailboxDrawer';
import { MailboxesTable } from './MailboxesTable';

/** 邮箱: the addresses whose mail becomes tickets, how it comes in and goes out, and the replies' subjects. */
export function MailboxesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const mailboxes = useMailboxes();
  const [editTarget, setEditTarget] = useState<MailboxEditTarget>(null);
  const canManage = can('channels:manage');

  return (
    <>
      <PageHeader
        title={t('mailboxes.title')}
        description={t('mailboxes.intro')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditTarget('new')}
              data-testid="mailbox-create"
            >
              {t('mailboxes.create')}
            </Button>
          )
        }
      />
      {mailboxes.isError && !mailboxes.data ? (
        <LoadFailed error={mailboxes.error} onRetry={() => void mailboxes.refetch()} />
      ) : (
        <MailboxesTable
          mailboxes={mailboxes.data ?? []}
          loading={mailboxes.isPending}
          canManage={canManage}
          onEdit={(mailbox: Mailbox) => setEditTarget(mailbox)}
        />
      )}
      {!canManage && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('mailboxes.readOnly')}
        </Typography.Paragraph>
      )}
      <MailboxDrawer target={editTarget} onClose={() => setEditTarget(null)} />
    </>
  );
}
