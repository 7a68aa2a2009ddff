import type { WidgetMessage } from '@shared/web-chat';

/** A message the visitor sent whose stored copy has not arrived yet: shown at once as a pending bubble. */
export interface PendingMessage {
  clientId: string;
  text: string;
  /** An upload in flight shows the file's name. */
  filename?: string;
  state: 'sending' | 'failed';
  /** Why the server refused it, shown under a failed bubble. */
  error?: string;
  /** Known from the ack; the bubble stays until the message itself arrives (the frame may come later). */
  messageId?: string;
}

export type ChatItem =
  | { kind: 'message'; key: string; message: WidgetMessage }
  | { kind: 'pending'; key: string; pending: PendingMessage };

const byTimeThenId = (a: WidgetMessage, b: WidgetMessage) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The conversation as the widget shows it: server messages deduped by id and sorted, then the visitor's pending sends. */
export class MessageStore {
  private readonly messages = new Map<string, WidgetMessage>();
  private sorted: WidgetMessage[] = [];
  private pending: PendingMessage[] = [];

  add(messages: readonly WidgetMessage[]): void {
    if (messages.length === 0) return;
    for (const message of messages) {
      this.messages.set(message.id, message);
      const index = this.pendingIndexFor(message);
      if (index >= 0) this.pending.splice(index, 1);
    }
    this.sorted = [...this.messages.values()].sort(byTimeThenId);
  }

  addPending(pending: Omit<PendingMessage, 'state'>): void {
    if (this.pending.some((existing) => existing.clientId === pending.clientId)) return;
    this.pending.push({ ...pending, state: 'sending' });
  }

  /** The server stored the send as `messageId`: drop the bubble if that message is already shown. */
  acknowledge(clientId: string, messageId: string): void {
    const index = this.pending.findIndex((pending) => pending.clientId === clientId);
    const pending = this.pending[index];
    if (!pending) return;
    if (this.messages.has(messageId)) this.pending.splice(index, 1);
    else this.pending[index] = { ...pending, state: 'sending', messageId, error: undefined };
  }

  fail(clientId: string, error: string): void {
    this.updatePending(clientId, { state: 'failed', error });
  }

  retry(clientId: string): PendingMessage | undefined {
    return this.updatePending(clientId, { state: 'sending', error: undefined });
  }

  items(): ChatItem[] {
    return [
      ...this.sorted.map((message) => ({ kind: 'message' as const, key: message.id, message })),
      ...this.pending.map((pending) => ({
        kind: 'pending' as const,
        key: `pending:${pending.clientId}`,
        pending,
      })),
    ];
  }

  /** Whether the server has any message of this visitor (the local welcome and pre-chat form are for new chats). */
  hasHistory(): boolean {
    return this.sorted.length > 0;
  }

  lastMessageId(): string | null {
    return this.sorted[this.sorted.length - 1]?.id ?? null;
  }

  newestOutboundId(): string | null {
    // A loop rather than findLast: older in-app browsers (WeChat, for one) lack it.
    for (let index = this.sorted.length - 1; index >= 0; index--) {
      const message = this.sorted[index];
      if (message?.direction === 'outbound') return message.id;
    }
    return null;
  }

  /**
   * The pending bubble a stored message stands for: by the acked id, or — when the message frame beats the ack —
   * the oldest unacked send with the same text (same text means the same bubble either way).
   */
  private pendingIndexFor(message: WidgetMessage): number {
    const acked = this.pending.findIndex((pending) => pending.messageId === message.id);
    if (acked >= 0 || message.direction !== 'inbound' || message.automated) return acked;
    return this.pending.findIndex(
      (pending) =>
        !pending.messageId &&
        pending.state === 'sending' &&
        (pending.filename === undefined
          ? pending.text === message.text && message.attachments.length === 0
          : message.attachments.some((attachment) => attachment.filename === pending.filename)),
    );
  }

  private updatePending(clientId: string, change: Partial<PendingMessage>): PendingMessage | undefined {
    const index = this.pending.findIndex((pending) => pending.clientId === clientId);
    const pending = this.pending[index];
    if (!pending) return undefined;
    this.pending[index] = { ...pending, ...change };
    return this.pending[index];
  }
}

/** Read receipts: the visitor's message was read when the agent's read mark is at or after it. */
export function isReadByAgent(message: WidgetMessage, agentReadAt: string | null): boolean {
  return (
    message.direction === 'inbound' &&
    agentReadAt !== null &&
    Date.parse(message.createdAt) <= Date.parse(agentReadAt)
  );
}
