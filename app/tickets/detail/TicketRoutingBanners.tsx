import { AlertOutlined, MergeCellsOutlined } from '@ant-design/icons';
import {
  type MergeSuggestion,
  useDismissMergeSuggestion,
  useMergeSuggestions,
} from '@app/api/ticket-routing';
import type { TicketDetail } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan } from '@app/session/use-session';
import { Alert, App, Button, Flex } from 'antd';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTicketLabels } from '../ticket-labels';

/** Suggested merges shown at most; the rest wait until these are answered. */
const SUGGESTIONS_SHOWN = 3;

function MergeSuggestionAlert({
  ticket,
  suggestion,
  onMerge,
}: {
  ticket: TicketDetail;
  suggestion: MergeSuggestion;
  onMerge: (suggestion: MergeSuggestion) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const labels = useTicketLabels();
  const dismiss = useDismissMergeSuggestion(ticket.id);
  const { candidate } = suggestion;
  const evidence = [
    candidate.subject,
    t('ticketRouting.merge.score', { score: Math.round(suggestion.score * 100) }),
    suggestion.sameCustomer ? t('ticketRouting.merge.sameCustomer') : null,
    suggestion.sharedOrderNumbers.length > 0
      ? t('ticketRouting.merge.sameOrder', {
          numbers: suggestion.sharedOrderNumbers.join(t('common.listSeparator')),
        })
      : null,
  ].filter(Boolean);

  return (
    <Alert
      type="warning"
      showIcon
      icon={<MergeCellsOutlined />}
      data-testid="merge-suggestion"
      data-number={candidate.number}
      title={
        <Trans
          i18nKey="ticketRouting.merge.title"
          values={{ number: candidate.number, channel: labels.channel(candidate.channel) }}
          components={{ ticket: <Link to={`/tickets/${candidate.id}`} /> }}
        />
      }
      description={evidence.join(' · ')}
      action={
        can('tickets:merge') && (
          <Flex gap={8}>
            <Button
              size="small"
              type="primary"
              onClick={() => onMerge(suggestion)}
              data-testid="merge-suggestion-open"
            >
              {t('ticketRouting.merge.merge')}
            </Button>
            <Button
              size="small"
              loading={dismiss.isPending}
              onClick={() =>
                dismiss.mutate(candidate.id, {
                  onSuccess: () => void message.success(t('ticketRouting.merge.dismissed')),
                  onError: (error) => void message.error(problemMessage(t, error)),
                })
              }
              data-testid="merge-suggestion-dismiss"
            >
              {t('ticketRouting.merge.dismiss')}
            </Button>
          </Flex>
        )
      }
    />
  );
}

/** Above the conversation: the incident this ticket is part of, and the open tickets it probably repeats. */
export function TicketRoutingBanners({
  ticket,
  onMerge,
}: {
  ticket: TicketDetail;
  onMerge: (suggestion: MergeSuggestion) => void;
}) {
  const { t } = useTranslation();
  const suggestions = useMergeSuggestions(ticket.id, { enabled: ticket.status !== 'closed' }).data ?? [];
  const { incident } = ticket;
  if (!incident && suggestions.length === 0) return null;

  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      {incident && (
        <Alert
          type={incident.status === 'open' ? 'error' : 'success'}
          showIcon
          icon={<AlertOutlined />}
          data-testid="ticket-incident"
          title={
            <Trans
              i18nKey={
                incident.status === 'open' ? 'ticketRouting.incident.open' : 'ticketRouting.incident.resolved'
              }
              values={{ title: incident.title }}
              components={{ incident: <Link to={`/incidents/${incident.id}`} /> }}
            />
          }
          description={incident.status === 'open' ? t('ticketRouting.incident.hint') : undefined}
        />
      )}
      {suggestions.slice(0, SUGGESTIONS_SHOWN).map((suggestion) => (
        <MergeSuggestionAlert
          key={suggestion.candidate.id}
          ticket={ticket}
          suggestion={suggestion}
          onMerge={onMerge}
        />
      ))}
    </Flex>
  );
}
