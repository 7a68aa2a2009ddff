/** The realtime protocol of `/api/v1/realtime`, shared by the server (server/realtime) and the app (app/realtime). */
export type RealtimeEventKind =
  | 'ticket.created'
  | 'ticket.updated'
  | 'message.created'
  | 'delivery.updated'
  /** A ticket's SLA clocks fired (warning, breach, escalation): reload its `sla`. */
  | 'ticket.sla'
  /** A notification for `data.userId` was created: refresh the bell. */
  | 'notification.created'
  /** A web chat opened, was picked up, ended, read or rated: refresh the live chats. */
  | 'chat.updated';

export interface RealtimeEventFrame {
  type: 'event';
  /** Position in the workspace's stream; each event has one higher than the last. */
  seq: number;
  /** One of RealtimeEventKind, or a kind added to the server later. */
  kind: string;
  ticketId: string | null;
  messageId: string | null;
  data: Record<string, unknown>;
  at: string;
}

/**
 * `hello`: the stream position once any missed events have been replayed; `reset`: too much was missed to replay,
 * reload what is shown and go on from `seq`.
 */
export type RealtimeFrame =
  | RealtimeEventFrame
  | RealtimeEphemeralFrame
  | { type: 'hello' | 'reset'; seq: number };

/** Not stored, not replayed, no seq: what is only worth seeing now (a visitor typing: `chat.typing`). */
export interface RealtimeEphemeralFrame {
  type: 'ephemeral';
  kind: string;
  ticketId: string | null;
  data: Record<string, unknown>;
}
