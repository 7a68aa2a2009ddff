import type { Database } from '@server/db/schema';
import { DEFAULT_BACKOFF, retryDelayMs } from '@server/outbox/backoff';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';

const CLAIM_SECONDS = 60;
const BATCH = 20;
const SEND_TIMEOUT_MS = 10_000;

/**
 * Calls the webhooks escalations queued (`webhook_calls`). A call is claimed in a short transaction that pushes
 * its next attempt a minute out, then made outside any transaction (network I/O never holds a database lock); a
 * process that dies mid-call leaves it to be claimed again. At least once, backed off like reply delivery.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      log: FastifyBaseLogger;
      pollMs?: number;
      fetch?: typeof fetch;
    },
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'webhook calls failed to run'))
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(tick, this.deps.pollMs ?? 2_000).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Makes every call that is due; returns how many were attempted. */
  async drain(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const claimed = await this.deps.db.transaction().execute(async (tx) => {
        const rows = await tx
          .selectFrom('webhook_calls')
          .select(['id', 'url', 'payload', 'attempts'])
          .where('delivered_at', 'is', null)
          .where('failed_at', 'is', null)
          .where('next_attempt_at', '<=', sql<Date>`now()`)
          .orderBy('next_attempt_at')
          .limit(BATCH)
          .forUpdate()
          .skipLocked()
          .execute();
        if (rows.length > 0)
          await tx
            .updateTable('webhook_calls')
            .set({ next_attempt_at: sql`now() + ${`${CLAIM_SECONDS} seconds`}::interval` })
            .where(
              'id',
              'in',
              rows.map((row) => row.id),
            )
            .execute();
        return rows;
      });
      for (const call of claimed) await this.call(call);
      attempted += claimed.length;
      if (claimed.length < BATCH) return attempted;
    }
  }

  private async call(call: { id: string; url: string; payload: Record<string, unknown>; attempts: number }) {
    const send = this.deps.fetch ?? fetch;
    let failure: string | null = null;
    try {
      const response = await send(call.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kefu-event': String(call.payload.event ?? 'sla') },
        body: JSON.stringify(call.payload),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      if (!response.ok) failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = error instanceof Error ? error.message.slice(0, 200) : 'request failed';
    }
    const attempts = call.attempts + 1;
    const update =
      failure === null
        ? { attempts, delivered_at: sql<Date>`now()`, last_error: null }
        : attempts >= DEFAULT_BACKOFF.maxAttempts
          ? { attempts, failed_at: sql<Date>`now()`, last_error: failure }
          : {
              attempts,
              last_error: failure,
              next_attempt_at: new Date(Date.now() + retryDelayMs(attempts, DEFAULT_BACKOFF)),
            };
    await this.deps.db.updateTable('webhook_calls').set(update).where('id', '=', call.id).execute();
  }
}
