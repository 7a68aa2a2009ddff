/**
 * What intake derives from a conversation and its sender (the sealed reply address, the stored identity and a new
 * customer's masked profile), kept for the next messages of the same conversation. A customer writes several
 * messages in a row; encrypting and masking the same values again for each was 8 % of intake's CPU at 3,000 msg/s
 * (docs/performance.md), and only a conversation's first message ever stores them.
 *
 * Entries are found by an HMAC of the values under the workspace's lookup key, and hold only the masked, hashed and
 * sealed forms that are stored anyway; a rotated key or a changed sender simply misses. Entries expire like the
 * vault's masking rules, so a change of rules reaches cached senders within the same time.
 */
import { createHmac } from 'node:crypto';
import type { StoredIdentity } from '@server/customers/service';
import type { PreparedInbound } from './prepare';

const TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;

export interface SenderParts {
  replyAddressCiphertext: string;
  identity: StoredIdentity;
  /** A new customer's profile as stored (their name is taken from each message). */
  profile: Omit<PreparedInbound['newCustomer'], 'name'>;
}

export class SenderCache {
  private readonly entries = new Map<string, { parts: SenderParts; at: number }>();

  /** The cache key of a message's conversation and sender, under the workspace's lookup key. */
  keyOf(lookupKey: Buffer, values: readonly (string | null | undefined)[]): string {
    return createHmac('sha256', lookupKey).update(JSON.stringify(values)).digest('base64url');
  }

  get(key: string): SenderParts | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (performance.now() - entry.at > TTL_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.parts;
  }

  set(key: string, parts: SenderParts): void {
    // Oldest first: a Map iterates in insertion order.
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { parts, at: performance.now() });
  }
}
