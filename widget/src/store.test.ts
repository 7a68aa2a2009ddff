import type { WidgetMessage } from '@shared/web-chat';
import { describe, expect, it } from 'vitest';
import { isReadByAgent, MessageStore } from './store';

function message(id: string, createdAt: string, change: Partial<WidgetMessage> = {}): WidgetMessage {
  return {
    id,
    direction: 'outbound',
    text: `text ${id}`,
    attachments: [],
    author: null,
    automated: false,
    ticketNumber: 'T-1',
    createdAt,
    ...change,
  };
}

const shown = (store: MessageStore) =>
  store.items().map((item) => (item.kind === 'message' ? item.message.id : `pending:${item.pending.text}`));

describe('MessageStore', () => {
  it('shows each message once, in time order, however often and in whatever order frames repeat it', () => {
    const store = new MessageStore();
    store.add([message('b', '2026-12-02T10:00:02Z'), message('a', '2026-12-02T10:00:01Z')]);
    store.add([message('c', '2026-12-02T10:00:03Z'), message('a', '2026-12-02T10:00:01Z')]);
    // Same instant: the id breaks the tie, so every tab shows the same order.
    store.add([message('b2', '2026-12-02T10:00:02Z')]);

    expect(shown(store)).toEqual(['a', 'b', 'b2', 'c']);
    expect(store.lastMessageId()).toBe('c');
  });

  it('keeps the visitor’s unconfirmed sends at the end until the server stores them', () => {
    const store = new MessageStore();
    store.add([message('a', '2026-12-02T10:00:01Z')]);
    store.addPending({ clientId: 'c1', text: 'hello' });
    store.addPending({ clientId: 'c1', text: 'hello' });

    expect(shown(store)).toEqual(['a', 'pending:hello']);
    expect(store.items()[1]).toMatchObject({ kind: 'pending', pending: { state: 'sending' } });
  });

  it('replaces the pending bubble when the ack comes before the message', () => {
    const store = new MessageStore();
    store.addPending({ clientId: 'c1', text: 'hello' });
    store.acknowledge('c1', 'm1');
    // Delivered, waiting only for its frame: no longer "sending".
    expect(store.items()).toMatchObject([{ kind: 'pending', pending: { messageId: 'm1' } }]);

    store.add([message('m1', '2026-12-02T10:00:01Z', { direction: 'inbound', text: 'hello' })]);

    expect(shown(store)).toEqual(['m1']);
  });

  it('replaces the pending bubble when the message comes before the ack', () => {
    const store = new MessageStore();
    store.addPending({ clientId: 'c1', text: 'hello' });
    store.add([message('m1', '2026-12-02T10:00:01Z', { direction: 'inbound', text: 'hello' })]);
    expect(shown(store)).toEqual(['m1']);

    store.acknowledge('c1', 'm1');

    expect(shown(store)).toEqual(['m1']);
  });

  it('replaces a bubble whose stored text was masked once the ack names the message', () => {
    const store = new MessageStore();
    store.addPending({ clientId: 'c1', text: 'call 13812345678' });
    store.add([message('m1', '2026-12-02T10:00:01Z', { direction: 'inbound', text: 'call 138****5678' })]);
    store.acknowledge('c1', 'm1');

    expect(shown(store)).toEqual(['m1']);
  });

  it('matches an upload’s bubble by the file name of the stored attachment', () => {
    const store = new MessageStore();
    store.addPending({ clientId: 'u1', text: '', filename: 'receipt.png' });
    store.add([
      message('m1', '2026-12-02T10:00:01Z', {
        direction: 'inbound',
        text: '',
        attachments: [
          { id: 'f1', filename: 'receipt.png', contentType: 'image/png', sizeBytes: 10, path: '/x' },
        ],
      }),
    ]);

    expect(shown(store)).toEqual(['m1']);
  });

  it('marks a refused send failed with the reason, and sending again on retry', () => {
    const store = new MessageStore();
    store.addPending({ clientId: 'c1', text: 'hello' });
    store.fail('c1', 'Too long');
    expect(store.items()[0]).toMatchObject({ pending: { state: 'failed', error: 'Too long' } });

    expect(store.retry('c1')).toMatchObject({ state: 'sending', error: undefined });
    expect(store.retry('unknown')).toBeUndefined();
  });

  it('knows whether the conversation has history and which team message is newest', () => {
    const store = new MessageStore();
    expect(store.hasHistory()).toBe(false);
    expect(store.newestOutboundId()).toBeNull();
    store.add([
      message('w', '2026-12-02T10:00:00Z', { automated: true }),
      message('v', '2026-12-02T10:00:01Z', { direction: 'inbound' }),
    ]);

    expect(store.hasHistory()).toBe(true);
    expect(store.newestOutboundId()).toBe('w');
  });
});

describe('isReadByAgent', () => {
  const mine = message('v', '2026-12-02T10:00:01Z', { direction: 'inbound' });

  it('counts the visitor’s messages up to the agent’s read mark as read', () => {
    expect(isReadByAgent(mine, '2026-12-02T10:00:01Z')).toBe(true);
    expect(isReadByAgent(mine, '2026-12-02T10:00:00Z')).toBe(false);
    expect(isReadByAgent(mine, null)).toBe(false);
    expect(isReadByAgent({ ...mine, direction: 'outbound' }, '2026-12-02T11:00:00Z')).toBe(false);
  });
});
