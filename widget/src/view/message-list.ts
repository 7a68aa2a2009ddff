import type { WidgetAttachment, WidgetMessage } from '@shared/web-chat';
import type { Translate } from '../i18n';
import { type ChatItem, isReadByAgent, type PendingMessage } from '../store';
import { el } from './dom';

export interface MessageListContext {
  t: Translate;
  locale: string;
  agentReadAt: string | null;
  fileUrl(path: string): string;
  retry(clientId: string): void;
}

const timeOf = (iso: string, locale: string) =>
  new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });

function attachmentView(attachment: WidgetAttachment, context: MessageListContext): HTMLElement {
  const url = context.fileUrl(attachment.path);
  if (attachment.contentType.startsWith('image/')) {
    const image = el('img', { alt: attachment.filename, loading: 'lazy' });
    image.src = url;
    const link = el('a', { target: '_blank', rel: 'noopener noreferrer' }, [image]);
    link.href = url;
    return link;
  }
  const link = el('a', {
    target: '_blank',
    rel: 'noopener noreferrer',
    download: attachment.filename,
    text: `📎 ${attachment.filename}`,
  });
  link.href = url;
  return el('div', {}, [link]);
}

function messageView(message: WidgetMessage, context: MessageListContext): HTMLElement {
  const mine = message.direction === 'inbound';
  const read = mine && isReadByAgent(message, context.agentReadAt);
  return el(
    'div',
    {
      className: mine ? 'msg mine' : 'msg',
      'data-kefu': 'message',
      'data-direction': message.direction,
      'data-state': 'sent',
    },
    [
      el('div', { className: 'bubble' }, [
        message.text,
        ...message.attachments.map((attachment) => attachmentView(attachment, context)),
      ]),
      el('div', { className: 'meta' }, [
        timeOf(message.createdAt, context.locale),
        read && ' · ',
        read && el('span', { 'data-kefu': 'read', text: context.t('read') }),
      ]),
    ],
  );
}

function pendingView(pending: PendingMessage, context: MessageListContext): HTMLElement {
  const failed = pending.state === 'failed';
  const waiting = !failed && !pending.messageId;
  return el(
    'div',
    {
      className: failed ? 'msg mine failed' : 'msg mine',
      'data-kefu': 'message',
      'data-direction': 'inbound',
      'data-state': failed ? 'failed' : waiting ? 'sending' : 'sent',
    },
    [
      el('div', { className: 'bubble', text: pending.filename ? `📎 ${pending.filename}` : pending.text }),
      el('div', { className: 'meta' }, [
        failed
          ? `${context.t('failed')}${pending.error ? `: ${pending.error}` : ''}`
          : waiting && context.t('sending'),
        failed &&
          el('button', {
            type: 'button',
            'data-kefu': 'retry',
            text: context.t('retry'),
            onclick: () => context.retry(pending.clientId),
          }),
      ]),
    ],
  );
}

/** Renders the conversation, reusing the node of every item that did not change (images do not reload). */
export class MessageList {
  private readonly nodes = new Map<string, { signature: string; node: HTMLElement }>();

  render(items: ChatItem[], context: MessageListContext): HTMLElement[] {
    const seen = new Set<string>();
    const rendered = items.map((item) => {
      seen.add(item.key);
      const signature =
        item.kind === 'message'
          ? `${isReadByAgent(item.message, context.agentReadAt)}`
          : `${item.pending.state}|${item.pending.messageId ?? ''}|${item.pending.error ?? ''}`;
      const cached = this.nodes.get(item.key);
      if (cached?.signature === signature) return cached.node;
      const node =
        item.kind === 'message' ? messageView(item.message, context) : pendingView(item.pending, context);
      this.nodes.set(item.key, { signature, node });
      return node;
    });
    for (const key of this.nodes.keys()) if (!seen.has(key)) this.nodes.delete(key);
    return rendered;
  }
}
