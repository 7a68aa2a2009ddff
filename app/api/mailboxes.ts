import type { emailDetailsSchema, mailboxBody, mailboxSchema, updateMailboxBody } from '@server/email/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from './client';

/** `GET /email/mailboxes`: an address of the workspace, how its mail comes in and goes out; no passwords. */
export type Mailbox = z.infer<typeof mailboxSchema>;
export type MailboxInput = z.input<typeof mailboxBody>;
export type UpdateMailboxInput = z.input<typeof updateMailboxBody>;
export type ImapStatus = NonNullable<Mailbox['imap']>['status'];
export type SmtpSecurity = NonNullable<Mailbox['smtp']>['security'];
/** `GET /messages/{id}/email`: how an inbound message arrived by e-mail. */
export type MessageEmail = z.infer<typeof emailDetailsSchema>;

const mailboxesKey = ['email', 'mailboxes'] as const;

export function useMailboxes() {
  return useQuery({
    queryKey: mailboxesKey,
    queryFn: ({ signal }) => apiRequest<Mailbox[]>('/email/mailboxes', { signal }),
    // The IMAP status moves on by itself (connecting → idle, or an error).
    refetchInterval: 15_000,
  });
}

export function useCreateMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MailboxInput) => apiRequest<Mailbox>('/email/mailboxes', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailboxesKey }),
  });
}

export function useUpdateMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ mailboxId, changes }: { mailboxId: string; changes: UpdateMailboxInput }) =>
      apiRequest<Mailbox>(`/email/mailboxes/${mailboxId}`, { method: 'PATCH', body: changes }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailboxesKey }),
  });
}

/** Asked for only when wanted: an inbound e-mail's authentication, automatic-mail kind and HTML view. */
export function useMessageEmail(messageId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['email', 'message', messageId],
    queryFn: ({ signal }) => apiRequest<MessageEmail>(`/messages/${messageId}/email`, { signal }),
    enabled,
    // What the receiving server recorded about a mail never changes.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
