/**
 * The web-chat channel's adapter. Visitors write over the widget socket (widget-socket.ts), not an inbound webhook,
 * and replies reach them from the stored message through the widget hub: delivering a reply here only confirms
 * that it is there to be read. The outbox still carries it, so web chat has the same delivery states as any
 * channel (sent, then read when the visitor reads it).
 */
import type { ChannelAdapter } from '@server/channels/adapter';
import { HttpProblem } from '@server/http/problem';
import { WEB_CHAT_KIND } from './settings';

export const webChatAdapter: ChannelAdapter = {
  kind: WEB_CHAT_KIND,
  receive() {
    throw new HttpProblem(404, 'unknown_channel', 'Web chat messages arrive over the widget socket');
  },
  async send() {
    return { ok: true, platformMessageId: null };
  },
};
