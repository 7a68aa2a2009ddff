/**
 * The public ticket lookup (no login): its own small fetch, because the lookup token travels in an
 * `Authorization: Lookup` header and a 401 here means "look it up again", never "go to the login page".
 */
import type { TicketStatus } from '@shared/tickets';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiProblem, problemFromResponse } from './problem';

const BASE = '/api/v1/public/ticket-lookup';

export interface LookupDesk {
  workspace: string;
  name: string;
}

export interface PublicTicketMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  text: string;
  createdAt: string;
  /** The replying agent's name; null for the customer's own messages and automatic ones. */
  author: string | null;
  attachments: { id: string; filename: string; contentType: string; sizeBytes: number }[];
}

export interface PublicTicket {
  number: string;
  status: TicketStatus;
  subject: string;
  createdAt: string;
  updatedAt: string;
  canReply: boolean;
  messages: PublicTicketMessage[];
}

export interface LookupResult {
  token: string;
  expiresAt: string;
  ticket: PublicTicket;
}

async function lookupRequest<T>(
  path: string,
  options: { method?: 'GET' | 'POST'; body?: unknown; token?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Lookup ${options.token}`;
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method: options.method ?? 'GET',
      headers,
      // Nothing of an agent's session belongs on this page.
      credentials: 'omit',
      signal: options.signal,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiProblem({ status: 0, code: 'network_error', detail: 'The server could not be reached' });
  }
  if (!response.ok) throw await problemFromResponse(response);
  return (await response.json()) as T;
}

/** The service desk of the page's address (by slug, or the installation's only one). */
export function useLookupDesk(workspace: string | undefined) {
  return useQuery({
    queryKey: ['ticket-lookup', 'desk', workspace ?? null],
    queryFn: ({ signal }) =>
      lookupRequest<LookupDesk>(workspace ? `/desk?workspace=${encodeURIComponent(workspace)}` : '/desk', {
        signal,
      }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useLookUpTicket() {
  return useMutation({
    mutationFn: (input: { workspace: string; number: string; factor: string }) =>
      lookupRequest<LookupResult>('', { method: 'POST', body: input }),
  });
}

const ticketQueryKey = (token: string | null) => ['ticket-lookup', 'ticket', token] as const;

/** The looked-up ticket, reloaded now and then so the team's replies show up while the page is open. */
export function useLookedUpTicket(token: string | null, initial: PublicTicket | null) {
  return useQuery({
    queryKey: ticketQueryKey(token),
    queryFn: ({ signal }) => lookupRequest<PublicTicket>('/ticket', { token: token ?? '', signal }),
    enabled: token !== null,
    ...(initial ? { initialData: initial, initialDataUpdatedAt: Date.now() } : {}),
    retry: false,
    refetchInterval: 30_000,
  });
}

/** Adds the customer's message; the answer is the ticket as it is now, shown at once. */
export function useReplyToLookedUpTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; text: string }) =>
      lookupRequest<PublicTicket>('/replies', {
        method: 'POST',
        body: { text: input.text },
        token: input.token,
      }),
    onSuccess: (ticket, input) => queryClient.setQueryData(ticketQueryKey(input.token), ticket),
  });
}
