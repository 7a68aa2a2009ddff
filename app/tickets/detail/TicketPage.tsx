import { isApiProblem } from '@app/api/problem';
import type { MergeSuggestion } from '@app/api/ticket-routing';
import { useTicket } from '@app/api/tickets';
import type { TicketDetail } from '@app/api/types';
import { LoadFailed } from '@app/components/LoadFailed';
import { NotFoundResult } from '@app/components/NotFoundResult';
import { useDocumentTitle } from '@app/components/use-document-title';
import { useCan } from '@app/session/use-session';
import { Button, Col, Flex, Result, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CustomerPanel } from './CustomerPanel';
import { MergeTicketsModal } from './MergeTicketsModal';
import { ReplyBox } from './ReplyBox';
import { TicketHeader } from './TicketHeader';
import { TicketPropertiesCard } from './TicketPropertiesCard';
import { TicketRoutingBanners } from './TicketRoutingBanners';
import { TicketSlaCard } from './TicketSlaCard';
import { TicketThread } from './TicketThread';
import { TicketTimeline } from './TicketTimeline';
import { useTicketEditor } from './use-ticket-editor';

/** A merged ticket lives on in the one it went into; its own page only points there. */
function MergedNotice({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const survivor = ticket.mergedInto;
  if (!survivor) return null;
  return (
    <Result
      status="info"
      title={t('ticket.mergedTitle', { number: ticket.number, target: survivor.number })}
      subTitle={t('ticket.mergedText')}
      extra={
        <Link to={`/tickets/${survivor.id}`}>
          <Button type="primary" autoFocus>
            {t('ticket.openSurvivor', { number: survivor.number })}
          </Button>
        </Link>
      }
    />
  );
}

function TicketWorkspace({ ticket }: { ticket: TicketDetail }) {
  const can = useCan();
  const { save } = useTicketEditor(ticket.id);
  // A search of the agent's own, or a suggested duplicate chosen already.
  const [merging, setMerging] = useState<MergeSuggestion | 'search' | null>(null);
  const suggested = merging !== null && merging !== 'search' ? merging.candidate : null;
  const editable = can('tickets:update');
  useDocumentTitle(`${ticket.number} ${ticket.subject}`);

  return (
    <>
      <TicketHeader ticket={ticket} save={save} editable={editable} onMerge={() => setMerging('search')} />
      <TicketRoutingBanners ticket={ticket} onMerge={setMerging} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <TicketThread ticket={ticket} save={save} editable={editable} />
            {can('tickets:reply') && <ReplyBox key={ticket.id} ticket={ticket} />}
            <TicketTimeline events={ticket.timeline} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <TicketSlaCard ticket={ticket} />
            <TicketPropertiesCard ticket={ticket} save={save} editable={editable} />
            <CustomerPanel ticket={ticket} save={save} editable={editable} />
          </Flex>
        </Col>
      </Row>
      <MergeTicketsModal
        key={suggested?.id ?? 'search'}
        target={ticket}
        open={merging !== null}
        preselected={suggested ? [suggested] : []}
        onClose={() => setMerging(null)}
      />
    </>
  );
}

export function TicketPage() {
  const { ticketId = '' } = useParams();
  const ticket = useTicket(ticketId);

  if (ticket.isError && !ticket.data) {
    const missing = isApiProblem(ticket.error) && [400, 404].includes(ticket.error.status);
    return missing ? (
      <NotFoundResult />
    ) : (
      <LoadFailed error={ticket.error} onRetry={() => void ticket.refetch()} />
    );
  }
  if (!ticket.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (ticket.data.mergedInto) return <MergedNotice ticket={ticket.data} />;
  return <TicketWorkspace key={ticket.data.id} ticket={ticket.data} />;
}
