/**
 * Delivers queued replies, at least once, from any number of app processes: each claims due rows with
 * FOR UPDATE SKIP LOCKED in a short transaction, sends outside any transaction, then records the outcome only if
 * its claim still stands. A process that dies mid-send leaves a claim that lapses, and the reply is sent again
 * with the same idempotency key.
 */
import type { AttachmentStore } from '@server/attachments/service';
import type { ChannelAdapter, SendResult } from '@server/channels/adapter';
import { adapterFor } from '@server/channels/registry';
import type { ChannelAccountCache } from '@server/channels/repo';
import type { Database, DeliveryState, OutboundDeliveryRow } from '@server/db/schema';
import type { PersonalDataVault } from '@server/privacy/vault';
import { publishRealtime } from '@server/realtime/publish';
import { type Kysely, sql } from 'kysely';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from './backoff';
import { composeOutbound } from './compose';
import { reflectOnMessage } from './deliveries';
import { RateLimiter } from './rate-limiter';

export interface OutboxOptions {
  db: Kysely<Database>;
  vault: PersonalDataVault;
  accounts: ChannelAccountCache;
  attachments: AttachmentStore;
  backoff?: BackoffPolicy;
  /** How long one send may take before it counts as a transient failure. */
  sendTimeoutMs?: number;
  /** How long a claim holds before another process may retry the row. */
  claimMs?: number;
  pollMs?: number;
  onCommitted?: (workspaceIds: Iterable<string>) => void;
  /** Adapters that need the app's services (e-mail's SMTP sender reads mailboxes), by kind; the registry's otherwise. */
  adapters?: Readonly<Record<string, ChannelAdapter>>;
}

const CLAIM_BATCH = 20;

export class OutboxWorker {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly limiter = new RateLimiter();
  private readonly backoff: BackoffPolicy;

  constructor(private readonly options: OutboxOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** A reply was queued here: look now rather than at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  private async run() {
    while (this.running) {
      let claimed: OutboundDeliveryRow[] = [];
      try {
        claimed = await this.claim();
        await this.deliverAll(claimed);
      } catch {
        // The database was unreachable or a send blew up: claims lapse, and the next round retries.
      }
      if (claimed.length === CLAIM_BATCH) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 1000);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** Takes due rows (queued and due, or sending with a lapsed claim) for this process. */
  async claim(): Promise<OutboundDeliveryRow[]> {
    const claimMs = this.options.claimMs ?? 60_000;
    const result = await sql<OutboundDeliveryRow>`
      UPDATE outbound_deliveries AS d
      SET state = 'sending', attempts = d.attempts + 1, updated_at = now(),
          next_attempt_at = now() + make_interval(secs => ${claimMs / 1000})
      FROM (
        SELECT id FROM outbound_deliveries AS candidate
        WHERE state IN ('queued', 'sending') AND next_attempt_at <= now()
          -- A conversation's replies reach the customer in the order they were written: a reply waits while an
          -- earlier one to the same conversation is still undelivered (in backoff, or being sent elsewhere).
          AND NOT EXISTS (
            SELECT 1 FROM outbound_deliveries AS earlier
            WHERE earlier.conversation_id = candidate.conversation_id
              AND earlier.state IN ('queued', 'sending')
              AND (earlier.created_at, earlier.id) < (candidate.created_at, candidate.id)
          )
        ORDER BY next_attempt_at
        LIMIT ${CLAIM_BATCH}
        FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE d.id = due.id
      RETURNING d.*`.execute(this.options.db);
    return result.rows;
  }

  /** Replies to one conversation go one after another, in the order they were written. */
  private async deliverAll(claimed: OutboundDeliveryRow[]) {
    const byConversation = new Map<string, OutboundDeliveryRow[]>();
    for (const row of [...claimed].sort((a, b) => a.created_at.getTime() - b.created_at.getTime())) {
      byConversation.set(row.conversation_id, [...(byConversation.get(row.conversation_id) ?? []), row]);
    }
    await Promise.all(
      [...byConversation.values()].map(async (rows) => {
        for (const row of rows) await this.deliver(row);
      }),
    );
  }

  private async deliver(row: OutboundDeliveryRow) {
    const account = await this.options.accounts.get(row.channel_account_id);
    const adapter = account
      ? (this.options.adapters?.[account.row.kind] ?? adapterFor(account.row.kind))
      : undefined;
    let result: SendResult;
    if (!account || !adapter || !account.row.enabled) {
      result = {
        ok: false,
        code: 'rejected',
        message: 'The channel account is disabled or removed',
        permanent: true,
      };
    } else {
      const message = await composeOutbound(
        this.options.db,
        this.options.vault,
        this.options.attachments,
        row,
      );
      if (!message) {
        result = { ok: false, code: 'rejected', message: 'The reply no longer exists', permanent: true };
      } else {
        const wait = this.limiter.reserve(
          account.row.id,
          account.row.rate_limit_per_second,
          performance.now(),
        );
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        result = await adapter.send(message, account, { timeoutMs: this.options.sendTimeoutMs ?? 10_000 });
      }
    }
    await this.record(row, result);
  }

  private async record(row: OutboundDeliveryRow, result: SendResult) {
    const lastAttempt = row.attempts >= this.backoff.maxAttempts;
    const state: DeliveryState = result.ok ? 'sent' : result.permanent || lastAttempt ? 'failed' : 'queued';
    const recorded = await this.options.db.transaction().execute(async (tx) => {
      const updated = await tx
        .updateTable('outbound_deliveries')
        .set({
          state,
          updated_at: sql<Date>`now()`,
          ...(result.ok
            ? { platform_message_id: result.platformMessageId, error_code: null, error_message: null }
            : { error_code: result.code, error_message: result.message }),
          ...(state === 'queued'
            ? {
                next_attempt_at: sql<Date>`now() + make_interval(secs => ${retryDelayMs(row.attempts, this.backoff) / 1000})`,
              }
            : {}),
          ...(state === 'failed' ? { dead_lettered_at: sql<Date>`now()` } : {}),
        })
        .where('workspace_id', '=', row.workspace_id)
        .where('id', '=', row.id)
        // Only while this claim stands: a lapsed claim retried elsewhere records its own outcome.
        .where('state', '=', 'sending')
        .where('attempts', '=', row.attempts)
        .returning('id')
        .executeTakeFirst();
      if (!updated) return false;
      const event = await reflectOnMessage(tx, {
        workspaceId: row.workspace_id,
        messageId: row.message_id,
        state,
      });
      if (event) await publishRealtime(tx, row.workspace_id, [event]);
      return true;
    });
    if (recorded) this.options.onCommitted?.([row.workspace_id]);
  }
}
