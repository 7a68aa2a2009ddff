import { webChatAdapter } from '@server/web-chat/adapter';
import type { ChannelAdapter } from './adapter';
import { apiChannelAdapter } from './api-channel/adapter';

/** The adapters by kind; a channel account names its kind, and only configured accounts are ever used. */
const ADAPTERS: Record<string, ChannelAdapter> = {
  [apiChannelAdapter.kind]: apiChannelAdapter,
  [webChatAdapter.kind]: webChatAdapter,
};

export function adapterFor(kind: string): ChannelAdapter | undefined {
  return ADAPTERS[kind];
}
