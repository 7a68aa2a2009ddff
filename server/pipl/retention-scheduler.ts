import { recordAudit } from '@server/audit/service';
import type { Database } from '@server/db/schema';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { EXPORT_KEPT_DAYS, type PiplStorage, removeExports } from './export-customer';
import { retentionCutoff, retentionMonthsOf } from './redaction';
import { runRetention } from './retention';

const DAY_MS = 24 * 60 * 60_000;

export interface RetentionScheduler {
  /** Stops the timers, asks a running pass to stop after its current batch, and waits for it. */
  stop(): Promise<void>;
}

/**
 * The daily PIPL housekeeping: for each workspace with a retention period, anonymise what has outlived it
 * (cutoff = now − N months), and delete export archives older than EXPORT_KEPT_DAYS. The first pass waits a
 * little after start so that it never competes with start-up. Timers are unref'd: they never keep the process up.
 * Logs ids and counts only.
 */
export function startRetentionScheduler(options: {
  db: Kysely<Database>;
  storage: PiplStorage;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  firstRunAfterMs?: number;
  everyMs?: number;
  now?: () => Date;
}): RetentionScheduler {
  const { db, storage, log } = options;
  const now = options.now ?? (() => new Date());
  const abort = new AbortController();
  let running: Promise<void> | undefined;

  async function pass(): Promise<void> {
    const workspaces = await db.selectFrom('workspaces').select(['id', 'settings']).execute();
    for (const workspace of workspaces) {
      if (abort.signal.aborted) return;
      try {
        await removeExports(db, storage, {
          workspaceId: workspace.id,
          finishedBefore: new Date(now().getTime() - EXPORT_KEPT_DAYS * DAY_MS),
        });
        const months = retentionMonthsOf(workspace.settings);
        if (months === null) continue;
        const cutoff = retentionCutoff(months, now());
        const counts = await runRetention(db, {
          workspaceId: workspace.id,
          cutoff,
          attachmentsRoot: storage.attachmentsRoot,
          signal: abort.signal,
          log,
        });
        log.info({ workspaceId: workspace.id, cutoff: cutoff.toISOString(), ...counts }, 'retention pass');
        // A pass that changed nothing is not an event anyone needs to trace.
        if (counts.messages + counts.ticketDescriptions + counts.attachments > 0) {
          await recordAudit(db, {
            workspaceId: workspace.id,
            actorUserId: null,
            action: 'pii.retention_run',
            targetType: 'workspace',
            targetId: workspace.id,
            detail: { retentionMonths: months, cutoff: cutoff.toISOString(), ...counts },
          });
        }
      } catch (error) {
        // One workspace's failure (a file it cannot delete) must not stop the others.
        log.error({ err: error, workspaceId: workspace.id }, 'retention pass failed');
      }
    }
  }

  const tick = () => {
    if (running || abort.signal.aborted) return;
    running = pass()
      .catch((error: unknown) => log.error({ err: error }, 'retention pass failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(tick, options.firstRunAfterMs ?? 5 * 60_000);
  const daily = setInterval(tick, options.everyMs ?? DAY_MS);
  first.unref();
  daily.unref();

  return {
    async stop() {
      clearTimeout(first);
      clearInterval(daily);
      abort.abort();
      await running;
    },
  };
}
