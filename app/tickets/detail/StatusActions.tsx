import type { TicketDetail } from '@app/api/types';
import { useCan } from '@app/session/use-session';
import { allowedNextStatuses, type TicketStatus } from '@shared/tickets';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SaveTicket } from './use-ticket-editor';

/** The step most tickets take next from each status gets the primary button. */
const USUAL_NEXT: Partial<Record<TicketStatus, TicketStatus>> = {
  new: 'open',
  open: 'resolved',
  pending_customer: 'resolved',
  pending_internal: 'resolved',
  resolved: 'closed',
};

/** The statuses the ticket may move to from here, as buttons; reopening a closed one only for supervisors. */
export function StatusActions({ ticket, save }: { ticket: TicketDetail; save: SaveTicket }) {
  const { t } = useTranslation();
  const can = useCan();
  const reopening = ticket.status === 'resolved' || ticket.status === 'closed';
  if (ticket.status === 'closed' && !can('tickets:reopen_closed')) {
    return <Typography.Text type="secondary">{t('ticket.closedHint')}</Typography.Text>;
  }

  return (
    <Flex gap={8} wrap>
      {allowedNextStatuses(ticket.status).map((status) => (
        <Button
          key={status}
          type={USUAL_NEXT[ticket.status] === status ? 'primary' : 'default'}
          data-testid={`status-${status}`}
          onClick={() =>
            void save(
              { status },
              { successMessage: t('ticket.statusChanged', { status: t(`ticketStatus.${status}`) }) },
            )
          }
        >
          {status === 'open' && reopening
            ? t('ticket.statusAction.reopen')
            : t(`ticket.statusAction.${status}`)}
        </Button>
      ))}
    </Flex>
  );
}
