import type { Database } from '@server/db/schema';
import type { Kysely } from 'kysely';

/** What the timeline records; each kind's data is shown by the app. */
export type TicketEventKind =
  | 'created'
  | 'field_changed'
  | 'status_changed'
  | 'assigned'
  | 'message_added'
  | 'merged_into'
  | 'merged_from'
  /** Routing at intake or on an event: the rules that fired, the priority's reason, the type suggestion. */
  | 'routed'
  /** A transfer to another person or team, with its reason; the first owner stays. */
  | 'transferred'
  | 'classification_confirmed'
  | 'classification_corrected'
  | 'incident_linked'
  | 'merge_suggested'
  /** Web chat: an agent picked the chat up, the chat ended (by the agent or the visitor), the customer rated it. */
  | 'chat_picked_up'
  | 'chat_ended'
  | 'satisfaction_rated'
  /**
   * A phone call (CTI or the call-log form): direction, customerNumber (masked), answeredAfterSeconds,
   * durationSeconds, missed, recordingUrl, agent.
   */
  | 'call_logged'
  /** A request registered by hand: source (store, exhibition…), sourceDetail, receivedAt; the actor registered it. */
  | 'request_registered'
  /** The customer's mail server answered automatically (out of office): received, not counted as their reply. */
  | 'email_auto_reply';

/** Writes one timeline entry; always called inside the transaction that makes the change it records. */
export async function recordTicketEvent(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    ticketId: string;
    actorUserId: string | null;
    kind: TicketEventKind;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await tx
    .insertInto('ticket_events')
    .values({
      workspace_id: options.workspaceId,
      ticket_id: options.ticketId,
      actor_user_id: options.actorUserId,
      kind: options.kind,
      data: JSON.stringify(options.data ?? {}),
    })
    .execute();
}
