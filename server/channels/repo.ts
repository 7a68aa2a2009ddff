import type { ChannelAccountRow, Database } from '@server/db/schema';
import type { Keyring } from '@server/privacy/keyring';
import type { Kysely } from 'kysely';

/** A channel account as adapters use it: its row and the signing secrets currently accepted. */
export interface ChannelAccount {
  row: ChannelAccountRow;
  /** The current secret first, then the one a rotation replaced while it is still valid. */
  secrets: string[];
  /** A platform account's secrets (AppSecret, Token, EncodingAESKey…), unsealed; `{}` for other kinds. */
  credentials: Record<string, string>;
}

const CACHE_TTL_MS = 5_000;

/**
 * Channel accounts by id for the intake path, which would otherwise read and decrypt the account on every message.
 * Entries live CACHE_TTL_MS; this process forgets one at once when its admin routes change it, other processes
 * within the TTL.
 */
export class ChannelAccountCache {
  private readonly entries = new Map<string, { account: ChannelAccount | null; at: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly keyring: Keyring,
  ) {}

  async get(accountId: string): Promise<ChannelAccount | null> {
    const cached = this.entries.get(accountId);
    if (cached && performance.now() - cached.at < CACHE_TTL_MS) return cached.account;
    const account = await loadChannelAccount(this.db, this.keyring, accountId);
    this.entries.set(accountId, { account, at: performance.now() });
    return account;
  }

  forget(accountId: string): void {
    this.entries.delete(accountId);
  }
}

/** Loads an account by id alone: the id in the inbound URL is the only thing a connector names. */
export async function loadChannelAccount(
  db: Kysely<Database>,
  keyring: Keyring,
  accountId: string,
): Promise<ChannelAccount | null> {
  const row = await db
    .selectFrom('channel_accounts')
    .selectAll()
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!row) return null;
  // The web-chat account has no signing secret: its visitors hold tokens of their own.
  const secrets = row.secret_ciphertext
    ? [await keyring.decrypt(row.workspace_id, row.secret_ciphertext)]
    : [];
  if (
    row.previous_secret_ciphertext &&
    row.previous_secret_expires_at &&
    row.previous_secret_expires_at > new Date()
  ) {
    secrets.push(await keyring.decrypt(row.workspace_id, row.previous_secret_ciphertext));
  }
  const credentials = row.credentials_ciphertext
    ? (JSON.parse(await keyring.decrypt(row.workspace_id, row.credentials_ciphertext)) as Record<
        string,
        string
      >)
    : {};
  return { row, secrets, credentials };
}
