import type { TicketDetail } from '@app/api/types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { useCan } from '@app/session/use-session';
import { SlaCountdown } from '@app/sla/SlaCountdown';
import { SlaStateTag } from '@app/sla/SlaStateTag';
import { useSlaLabels } from '@app/sla/sla-labels';
import type { TicketSlaEntry } from '@shared/sla';
import { Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SlaExplanationModal } from './SlaExplanationModal';

const isOwed = (entry: TicketSlaEntry) => ['running', 'warning', 'breached'].includes(entry.state);

function SlaEntryRow({ entry }: { entry: TicketSlaEntry }) {
  const { t } = useTranslation();
  const labels = useSlaLabels();
  const formatDateTime = useFormatDateTime();
  return (
    <Flex
      justify="space-between"
      align="start"
      gap={8}
      data-testid={`sla-${entry.metric}`}
      data-state={entry.state}
    >
      <Flex vertical style={{ minWidth: 0 }}>
        <Typography.Text strong>{labels.metric(entry.metric)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {entry.dueAt
            ? t('sla.card.due', { time: formatDateTime(entry.dueAt) })
            : labels.duration(entry.target)}
        </Typography.Text>
        {entry.escalationLevel > 0 && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t('sla.card.escalated', { level: entry.escalationLevel })}
          </Typography.Text>
        )}
      </Flex>
      <Flex vertical align="end" gap={2} style={{ flexShrink: 0 }}>
        <SlaStateTag state={entry.state} />
        <span style={{ fontSize: 12 }}>
          <SlaCountdown entry={entry} />
        </span>
      </Flex>
    </Flex>
  );
}

/** The ticket's service-level clocks; an escalated agent writes the overdue explanation they owe from here. */
export function TicketSlaCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const [explaining, setExplaining] = useState(false);
  const explanationOwed = ticket.sla.some((entry) => entry.metric === 'explanation' && isOwed(entry));

  return (
    <Card title={t('sla.card.title')} size="small" data-testid="ticket-sla">
      {ticket.sla.length === 0 ? (
        <Typography.Text type="secondary">{t('sla.card.empty')}</Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          {ticket.sla.map((entry) => (
            <SlaEntryRow key={entry.metric} entry={entry} />
          ))}
        </Flex>
      )}
      {explanationOwed && can('tickets:update') && (
        <Button
          danger
          block
          style={{ marginTop: 12 }}
          onClick={() => setExplaining(true)}
          data-testid="sla-explain"
        >
          {t('sla.card.explain')}
        </Button>
      )}
      <SlaExplanationModal ticketId={ticket.id} open={explaining} onClose={() => setExplaining(false)} />
    </Card>
  );
}
