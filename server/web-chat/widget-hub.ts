/**
 * Fan-out to widget visitors. Each app process subscribes to the realtime stream of every workspace that has a
 * visitor connected here, and passes on what concerns a connected conversation: its new messages (customer and
 * team, never notes), its chat's state, the agent typing. Visitors never see the workspace stream itself.
 */
import type { Database } from '@server/db/schema';
import type { RealtimeHub } from '@server/realtime/hub';
import type { RealtimeEventFrame, RealtimeFrame } from '@shared/realtime';
import type { WidgetServerFrame } from '@shared/web-chat';
import type { Kysely } from 'kysely';
import { loadWidgetChat } from './chat-state';
import { loadWidgetMessages } from './messages';

export interface VisitorConnection {
  workspaceId: string;
  visitorId: string;
  conversationId: string | null;
  send(frame: WidgetServerFrame): void;
  /** Closes the socket (the widget reconnects). */
  drop(): void;
  /** Messages this connection was sent (history or live): each goes out once. */
  sent: Set<string>;
}

const SENT_MEMORY = 500;

/** Marks a message as sent to the connection; false if it already was. */
export function markSent(connection: VisitorConnection, messageId: string): boolean {
  if (connection.sent.has(messageId)) return false;
  connection.sent.add(messageId);
  if (connection.sent.size > SENT_MEMORY) {
    const oldest = connection.sent.values().next().value;
    if (oldest !== undefined) connection.sent.delete(oldest);
  }
  return true;
}

interface WorkspaceState {
  connections: number;
  unsubscribe: Promise<() => void>;
  queue: RealtimeEventFrame[];
  chain: Promise<void>;
  scheduled: boolean;
}

export class WidgetHub {
  private readonly byConversation = new Map<string, Set<VisitorConnection>>();
  private readonly byVisitor = new Map<string, Set<VisitorConnection>>();
  private readonly workspaces = new Map<string, WorkspaceState>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly realtime: RealtimeHub,
  ) {}

  private outageUntil = 0;

  /**
   * Browser journeys only (KEFU_TEST_HOOKS): every widget socket of this process is closed and new ones are refused
   * for `ms`, as when the network drops; what both sides send meanwhile must arrive once, in order, afterwards.
   */
  simulateOutage(ms: number): number {
    this.outageUntil = performance.now() + ms;
    let dropped = 0;
    for (const connections of this.byVisitor.values()) {
      for (const connection of connections) {
        connection.drop();
        dropped += 1;
      }
    }
    return dropped;
  }

  get refusing(): boolean {
    return performance.now() < this.outageUntil;
  }

  get connectionCount(): number {
    let count = 0;
    for (const state of this.workspaces.values()) count += state.connections;
    return count;
  }

  /** Starts following the connection's workspace; resolves once live events are being received. */
  async attach(connection: VisitorConnection): Promise<void> {
    let state = this.workspaces.get(connection.workspaceId);
    if (!state) {
      const workspaceId = connection.workspaceId;
      const created: WorkspaceState = {
        connections: 0,
        queue: [],
        chain: Promise.resolve(),
        scheduled: false,
        unsubscribe: this.realtime.subscribe(
          workspaceId,
          { send: (frame) => this.onFrame(workspaceId, frame) },
          null,
        ),
      };
      state = created;
      this.workspaces.set(workspaceId, created);
    }
    state.connections += 1;
    let mine = this.byVisitor.get(connection.visitorId);
    if (!mine) {
      mine = new Set();
      this.byVisitor.set(connection.visitorId, mine);
    }
    mine.add(connection);
    if (connection.conversationId) this.follow(connection, connection.conversationId);
    await state.unsubscribe;
  }

  /** The visitor's first message created their conversation. */
  follow(connection: VisitorConnection, conversationId: string): void {
    if (connection.conversationId && connection.conversationId !== conversationId) this.unfollow(connection);
    connection.conversationId = conversationId;
    let set = this.byConversation.get(conversationId);
    if (!set) {
      set = new Set();
      this.byConversation.set(conversationId, set);
    }
    set.add(connection);
  }

  /**
   * Every open connection of the visitor (tabs, the upload that created the conversation) follows it, and is sent
   * what the conversation already holds: the message that created it was committed before anyone followed it.
   */
  async followVisitor(workspaceId: string, visitorId: string, conversationId: string): Promise<void> {
    const joining = [...(this.byVisitor.get(visitorId) ?? [])].filter(
      (connection) => connection.conversationId !== conversationId,
    );
    if (joining.length === 0) return;
    for (const connection of joining) this.follow(connection, conversationId);
    const messages = await loadWidgetMessages(this.db, { workspaceId, conversationId });
    for (const connection of joining) {
      for (const message of messages)
        if (markSent(connection, message.id)) connection.send({ type: 'message', message });
    }
  }

  private unfollow(connection: VisitorConnection): void {
    if (!connection.conversationId) return;
    const set = this.byConversation.get(connection.conversationId);
    set?.delete(connection);
    if (set?.size === 0) this.byConversation.delete(connection.conversationId);
  }

  detach(connection: VisitorConnection): void {
    this.unfollow(connection);
    const mine = this.byVisitor.get(connection.visitorId);
    mine?.delete(connection);
    if (mine?.size === 0) this.byVisitor.delete(connection.visitorId);
    const state = this.workspaces.get(connection.workspaceId);
    if (!state) return;
    state.connections -= 1;
    if (state.connections === 0) {
      this.workspaces.delete(connection.workspaceId);
      void state.unsubscribe.then((unsubscribe) => unsubscribe()).catch(() => undefined);
    }
  }

  /** The agent is typing in a chat: its visitor's widgets show it (in every app process). */
  async agentTyping(workspaceId: string, ticketId: string, typing: boolean): Promise<void> {
    const conversationId = await this.conversationOf(workspaceId, ticketId);
    if (!conversationId) return;
    await this.realtime.broadcastEphemeral(workspaceId, {
      type: 'ephemeral',
      kind: 'visitor.typing',
      ticketId,
      data: { conversationId, typing },
    });
  }

  /** The conversation of a web-chat ticket, or null. */
  async conversationOf(workspaceId: string, ticketId: string): Promise<string | null> {
    const known = await this.resolveTickets(workspaceId, [ticketId]);
    return known.get(ticketId) ?? null;
  }

  private onFrame(workspaceId: string, frame: RealtimeFrame): void {
    if (frame.type === 'ephemeral') {
      if (frame.kind === 'visitor.typing') {
        const conversationId = String(frame.data.conversationId ?? '');
        for (const connection of this.byConversation.get(conversationId) ?? []) {
          connection.send({ type: 'typing', typing: frame.data.typing === true });
        }
      }
      return;
    }
    if (frame.type !== 'event' || !frame.ticketId) return;
    if (!['message.created', 'chat.updated', 'ticket.updated'].includes(frame.kind)) return;
    const state = this.workspaces.get(workspaceId);
    if (!state) return;
    state.queue.push(frame);
    if (state.scheduled) return;
    state.scheduled = true;
    // Events arriving together are handled together (one query for their messages), one batch at a time.
    state.chain = state.chain.then(async () => {
      state.scheduled = false;
      const batch = state.queue.splice(0);
      await this.dispatch(workspaceId, batch).catch(() => {
        // What could not be passed on is not lost: the workspace's widgets reconnect and read it after `after`.
        for (const connections of this.byVisitor.values()) {
          for (const connection of connections) if (connection.workspaceId === workspaceId) connection.drop();
        }
      });
    });
  }

  private async dispatch(workspaceId: string, events: RealtimeEventFrame[]): Promise<void> {
    const conversations = await this.resolveTickets(
      workspaceId,
      events.map((event) => event.ticketId as string),
    );
    const followed = events.filter((event) => {
      const conversationId = conversations.get(event.ticketId as string);
      return conversationId ? this.byConversation.has(conversationId) : false;
    });
    if (followed.length === 0) return;
    const messageIds = followed.flatMap((event) =>
      event.kind === 'message.created' && event.messageId ? [event.messageId] : [],
    );
    const messages = new Map(
      (await loadWidgetMessages(this.db, { workspaceId, messageIds })).map((message) => [
        message.id,
        message,
      ]),
    );
    const chatsWanted = new Set(
      followed.filter((event) => event.kind !== 'message.created').map((event) => event.ticketId as string),
    );
    const chats = new Map<string, Awaited<ReturnType<typeof loadWidgetChat>>>();
    for (const ticketId of chatsWanted) {
      const conversationId = conversations.get(ticketId) as string;
      chats.set(ticketId, await loadWidgetChat(this.db, { workspaceId, conversationId, ticketId }));
    }
    const chatSent = new Set<string>();
    for (const event of followed) {
      const ticketId = event.ticketId as string;
      const audience = this.byConversation.get(conversations.get(ticketId) as string) ?? new Set();
      if (event.kind === 'message.created') {
        const message = event.messageId ? messages.get(event.messageId) : undefined;
        if (!message) continue; // a note
        for (const connection of audience)
          if (markSent(connection, message.id)) connection.send({ type: 'message', message });
      } else if (!chatSent.has(ticketId)) {
        chatSent.add(ticketId);
        const chat = chats.get(ticketId);
        if (!chat) continue;
        const { ticketId: _ticket, ...frameChat } = chat;
        for (const connection of audience) connection.send({ type: 'chat', chat: frameChat });
      }
    }
  }

  /**
   * Each ticket's web-chat conversation (null: not a web chat), read for every batch: a merge can move a
   * conversation to another ticket, so nothing is remembered between batches.
   */
  private async resolveTickets(
    workspaceId: string,
    ticketIds: string[],
  ): Promise<Map<string, string | null>> {
    const ids = [...new Set(ticketIds)];
    const result = new Map<string, string | null>(ids.map((id) => [id, null]));
    if (ids.length === 0) return result;
    const rows = await this.db
      .selectFrom('tickets as t')
      .innerJoin('channel_conversations as c', (join) =>
        join.onRef('c.id', '=', 't.conversation_id').onRef('c.workspace_id', '=', 't.workspace_id'),
      )
      .innerJoin('web_chat_settings as w', (join) =>
        join
          .onRef('w.channel_account_id', '=', 'c.channel_account_id')
          .onRef('w.workspace_id', '=', 'c.workspace_id'),
      )
      .select(['t.id', 't.conversation_id'])
      .where('t.workspace_id', '=', workspaceId)
      .where('t.id', 'in', ids)
      .execute();
    for (const row of rows) result.set(row.id, row.conversation_id);
    return result;
  }
}
