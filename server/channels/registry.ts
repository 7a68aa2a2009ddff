import { manualAdapter } from '@server/manual-entry/adapter';
import { webChatAdapter } from '@server/web-chat/adapter';
import type { ChannelAdapter } from './adapter';
import { apiChannelAdapter } from './api-channel/adapter';

/** The adapters by kind; a channel account names its kind, and only configured accounts are ever used. */
const ADAPTERS: Record<string, ChannelAdapter> = {
  [apiChannelAdapter.kind]: apiChannelAdapter,
  [webChatAdapter.kind]: webChatAdapter,
  [manualAdapter.kind]: manualAdapter,
};

export function adapterFor(kind: string): ChannelAdapter | undefined {
  return ADAPTERS[kind];
}

/** Whether Kefu can write to a customer through a channel account of this kind. */
export const deliversReplies = (kind: string): boolean => adapterFor(kind)?.deliversReplies !== false;
