import { BulbOutlined, CheckOutlined } from '@ant-design/icons';
import { isApiProblem } from '@app/api/problem';
import { useConfirmClassification } from '@app/api/ticket-routing';
import { ticketDetailKey } from '@app/api/tickets';
import type { TicketDetail } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Cascader, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTicketLabels } from '../ticket-labels';

/** Confirms or corrects the ticket's type through the classifier, which learns from either; one click each. */
export function useClassifyTicket(ticket: TicketDetail) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const confirm = useConfirmClassification();
  const classify = (type: string, subtype: string | null, successMessage: string) =>
    confirm.mutate(
      { ticket, type, subtype },
      {
        onSuccess: () => void message.success(successMessage),
        onError: (error) => {
          if (isApiProblem(error) && error.code === 'version_conflict')
            void queryClient.refetchQueries({ queryKey: ticketDetailKey(ticket.id) });
          void message.error(problemMessage(t, error));
        },
      },
    );
  return { classify, pending: confirm.isPending };
}

/**
 * The classifier's guess under the type, until an agent answers it: 建议：咨询 / 产品功能 · 87% with ✓ to accept,
 * or another type to correct it.
 */
export function TypeSuggestionHint({ ticket, editable }: { ticket: TicketDetail; editable: boolean }) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const { classify, pending } = useClassifyTicket(ticket);
  const [correcting, setCorrecting] = useState(false);
  const suggestion = ticket.typeSuggestion;
  if (!suggestion || suggestion.accepted !== null) return null;

  const name = [labels.type(suggestion.type), labels.subtype(suggestion.type, suggestion.subtype)]
    .filter(Boolean)
    .join(' / ');
  // At high confidence routing applied the suggestion already; the agent only confirms it.
  const applied = ticket.type === suggestion.type && ticket.subtype === suggestion.subtype;
  const confidence = Math.round(suggestion.confidence * 100);

  return (
    <Flex vertical gap={4} style={{ width: '100%' }} data-testid="type-suggestion">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <BulbOutlined />{' '}
        {t(applied ? 'ticketRouting.suggestion.applied' : 'ticketRouting.suggestion.suggested', {
          type: name,
          confidence,
          source: t(`ticketRouting.suggestion.source.${suggestion.source}`),
        })}
      </Typography.Text>
      {editable && (
        <Flex gap={6} wrap align="center">
          <Button
            size="small"
            type="primary"
            ghost
            icon={<CheckOutlined />}
            loading={pending}
            onClick={() =>
              classify(
                suggestion.type,
                suggestion.subtype,
                t('ticketRouting.suggestion.accepted', { type: name }),
              )
            }
            data-testid="type-suggestion-accept"
          >
            {applied ? t('ticketRouting.suggestion.confirm') : t('ticketRouting.suggestion.accept')}
          </Button>
          {correcting ? (
            <Cascader
              size="small"
              autoFocus
              defaultOpen
              options={labels.typeTree}
              placeholder={t('ticketRouting.suggestion.pickOther')}
              onChange={(path) => {
                const [type, subtype = null] = (path ?? []) as string[];
                if (!type) return;
                setCorrecting(false);
                classify(type, subtype, t('ticketRouting.suggestion.corrected'));
              }}
              onOpenChange={(open) => {
                if (!open) setCorrecting(false);
              }}
              aria-label={t('ticketRouting.suggestion.pickOther')}
              style={{ minWidth: 160 }}
            />
          ) : (
            <Button size="small" type="link" onClick={() => setCorrecting(true)} style={{ padding: 0 }}>
              {t('ticketRouting.suggestion.pickOther')}
            </Button>
          )}
        </Flex>
      )}
    </Flex>
  );
}
