import type { ChannelAccountRow } from '@server/db/schema';
import { toIso, toIsoOrNull } from '@server/http/common-schema';
import type { z } from 'zod';
import type { channelAccountSchema } from './schema';

type ChannelAccountJson = z.infer<typeof channelAccountSchema>;

export function presentChannelAccount(
  row: ChannelAccountRow,
  stats: ChannelAccountJson['stats'] = { received: 0, deliveriesPending: 0, deliveriesFailed: 0 },
  /** Names of the platform secrets stored (the service reads them from the sealed credentials). */
  credentialsSet: string[] = [],
): ChannelAccountJson {
  const previousValid = row.previous_secret_expires_at && row.previous_secret_expires_at > new Date();
  return {
    id: row.id,
    kind: row.kind as ChannelAccountJson['kind'],
    platform: row.platform as ChannelAccountJson['platform'],
    name: row.name,
    enabled: row.enabled,
    callbackUrl: row.callback_url,
    rateLimitPerSecond: row.rate_limit_per_second,
    inboundPath: row.kind === 'api' ? `/api/v1/channels/${row.id}/messages` : null,
    webhookPath: row.kind === 'api' ? null : `/api/v1/platforms/${row.id}/webhook`,
    settings: row.settings,
    credentialsSet,
    secretHint: row.secret_hint,
    previousSecretValidUntil: previousValid ? toIsoOrNull(row.previous_secret_expires_at) : null,
    stats,
    createdAt: toIso(row.created_at),
  };
}
