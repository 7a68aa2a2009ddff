import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, apiUpload } from './client';
import { ticketDetailKey, ticketListKey } from './tickets';
import type { AddMessageInput, Attachment, TicketDetail, TicketMessage } from './types';

/**
 * Adds a reply, note or logged customer message. The message shows at once; the ticket is then reloaded because
 * a message can move its status (a first reply opens a new ticket) and always adds to the timeline.
 */
export function useAddMessage(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMessageInput) =>
      apiRequest<TicketMessage>(`/tickets/${ticketId}/messages`, { method: 'POST', body }),
    // The message is saved once the POST answers: the send button is free again at once. The refetches run on
    // their own — a slow inbox list must not keep the composer busy (or make the reply look unsent and be sent
    // twice), and their failures do not reject the send.
    onSuccess: (message) => {
      queryClient.setQueryData<TicketDetail>(ticketDetailKey(ticketId), (ticket) =>
        ticket ? { ...ticket, messages: [...ticket.messages, message] } : ticket,
      );
      void queryClient.invalidateQueries({ queryKey: ticketDetailKey(ticketId) });
      void queryClient.invalidateQueries({ queryKey: ticketListKey });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

/** Queues a reply whose delivery failed once more; the answer is the message in its new delivery state. */
export function useRetryDelivery(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      apiRequest<TicketMessage>(`/tickets/${ticketId}/messages/${messageId}/retry-delivery`, {
        method: 'POST',
      }),
    onSuccess: (message) => {
      queryClient.setQueryData<TicketDetail>(ticketDetailKey(ticketId), (ticket) =>
        ticket
          ? { ...ticket, messages: ticket.messages.map((old) => (old.id === message.id ? message : old)) }
          : ticket,
      );
    },
    // Also after a refusal (409 `delivery_not_failed`): the reply moved on meanwhile, and the thread should say so.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketDetailKey(ticketId) }),
  });
}

/** Uploads a file to the ticket; it is sent to the customer only with a message naming its id. */
export function uploadTicketAttachment(
  ticketId: string,
  file: File,
  options: { onProgress?: (percent: number) => void; signal?: AbortSignal },
): Promise<Attachment> {
  return apiUpload<Attachment>(`/tickets/${ticketId}/attachments`, file, options);
}

/** Takes back an upload that was not sent; the server refuses once the file went out with a message. */
export function discardAttachment(attachmentId: string): Promise<void> {
  return apiRequest<void>(`/attachments/${attachmentId}`, { method: 'DELETE' });
}
