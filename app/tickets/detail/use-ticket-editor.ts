import { isApiProblem } from '@app/api/problem';
import { ticketDetailKey, useUpdateTicket } from '@app/api/tickets';
import type { TicketDetail, UpdateTicketInput } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export type SaveTicket = (
  changes: UpdateTicketInput,
  options?: { successMessage?: string },
) => Promise<boolean>;

/**
 * Saves in-place edits of one ticket. Edits go one after another, each sending the version the previous one
 * produced, so quick successive edits by the same agent never collide with each other. An edit based on a
 * version a colleague has since changed is refused by the server (409): the agent is told, the ticket reloads,
 * and nothing is overwritten.
 */
export function useTicketEditor(ticketId: string): { save: SaveTicket; saving: boolean } {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const updateTicket = useUpdateTicket();
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const save = useCallback<SaveTicket>(
    (changes, options) => {
      const run = async () => {
        const current = queryClient.getQueryData<TicketDetail>(ticketDetailKey(ticketId));
        if (!current) return false;
        try {
          await updateTicket.mutateAsync({ ticket: current, changes });
          if (options?.successMessage) void message.success(options.successMessage);
          return true;
        } catch (error) {
          const code = isApiProblem(error) ? error.code : undefined;
          // Both mean the ticket on screen is out of date: show the current one.
          if (code === 'version_conflict' || code === 'ticket_merged') {
            await queryClient.refetchQueries({ queryKey: ticketDetailKey(ticketId) });
          }
          if (code === 'version_conflict') {
            modal.warning({ title: t('ticket.conflict.title'), content: t('ticket.conflict.text') });
          } else {
            void message.error(problemMessage(t, error));
          }
          return false;
        }
      };
      const result = queue.current.then(run, run);
      queue.current = result;
      return result;
    },
    [queryClient, ticketId, updateTicket, message, modal, t],
  );

  return { save, saving: updateTicket.isPending };
}
