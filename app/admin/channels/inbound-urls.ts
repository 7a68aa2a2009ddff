import type { ChannelAccount } from '@app/api/types';

/** The full URLs a connector posts to: the server gives the path, the browser knows under which address it runs. */
export function inboundUrls(account: Pick<ChannelAccount, 'inboundPath'>): { single: string; batch: string } {
  const single = `${window.location.origin}${account.inboundPath}`;
  return { single, batch: `${single}/batch` };
}
