/**
 * The customer's self-service page: `/lookup/<workspace slug>`, or `/lookup` on an installation with a single
 * workspace (the server resolves it; with several, `/lookup` says there is no desk there). No login: the ticket
 * number and a second factor open one ticket for 30 minutes.
 */
import type { LookupResult, PublicTicket } from '@app/api/ticket-lookup';
import { useLookupDesk } from '@app/api/ticket-lookup';
import { PublicPageFrame } from '@app/components/PublicPageFrame';
import { Result, Spin } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LookedUpTicket } from './LookedUpTicket';
import { LookupForm } from './LookupForm';
import { type LookupSession, restoreLookupSession, saveLookupSession } from './lookup-session';

export function TicketLookupPage() {
  const { t } = useTranslation();
  const { workspaceSlug } = useParams();
  const desk = useLookupDesk(workspaceSlug);

  if (desk.isPending) {
    return (
      <PublicPageFrame title={t('ticketLookup.title')}>
        <Spin style={{ display: 'block' }} />
      </PublicPageFrame>
    );
  }
  if (desk.isError) {
    return (
      <PublicPageFrame title={t('ticketLookup.title')}>
        <Result status="404" subTitle={t('ticketLookup.deskNotFound')} data-testid="lookup-desk-missing" />
      </PublicPageFrame>
    );
  }
  return <DeskLookup workspace={desk.data.workspace} deskName={desk.data.name} />;
}

function DeskLookup({ workspace, deskName }: { workspace: string; deskName: string }) {
  const { t } = useTranslation();
  const [session, setSession] = useState<LookupSession | null>(() => restoreLookupSession(workspace));
  const [found, setFound] = useState<PublicTicket | null>(null);
  const [notice, setNotice] = useState<string | undefined>();

  const open = (result: LookupResult) => {
    const next = { token: result.token, expiresAt: result.expiresAt };
    saveLookupSession(workspace, next);
    setFound(result.ticket);
    setNotice(undefined);
    setSession(next);
  };
  const leave = useCallback(
    (why?: string) => {
      saveLookupSession(workspace, null);
      setSession(null);
      setFound(null);
      setNotice(why);
    },
    [workspace],
  );
  const expire = useCallback(() => leave(t('ticketLookup.expired')), [leave, t]);

  return (
    <PublicPageFrame
      title={t('ticketLookup.title')}
      subtitle={deskName ? t('ticketLookup.deskSubtitle', { name: deskName }) : t('ticketLookup.subtitle')}
      width={session ? 720 : 420}
    >
      {session ? (
        <LookedUpTicket token={session.token} initial={found} onExpired={expire} onDone={() => leave()} />
      ) : (
        <LookupForm workspace={workspace} notice={notice} onFound={open} />
      )}
    </PublicPageFrame>
  );
}
