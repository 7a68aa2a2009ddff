/**
 * Agent presence: what each person says (online, away, offline) and the sweep that turns an idle online agent
 * away, so that round-robin stops handing tickets to someone who left the desk without saying so.
 */
import type { Database } from '@server/db/schema';
import { loadRoutingSettings } from '@server/routing/settings';
import type { PresenceState } from '@shared/routing';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';

/** Sets the caller's own presence; the time it changed moves only when it really changes. */
export async function setOwnPresence(
  db: Kysely<Database>,
  options: { workspaceId: string; userId: string; presence: PresenceState },
): Promise<{ presence: PresenceState; presenceChangedAt: Date | null }> {
  const row = await db
    .updateTable('users')
    .set({
      presence: options.presence,
      presence_changed_at: sql<Date>`CASE WHEN presence = ${options.presence} THEN presence_changed_at ELSE now() END`,
    })
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.userId)
    .returning(['presence', 'presence_changed_at'])
    .executeTakeFirstOrThrow();
  return { presence: row.presence, presenceChangedAt: row.presence_changed_at };
}

/**
 * Online agents of the workspace with no session seen since `now − idleMinutes` (the session's last_seen_at moves
 * with their requests) become away, unless they changed their presence within that time. Returns who.
 */
export async function markIdleAgentsAway(
  db: Kysely<Database>,
  options: { workspaceId: string; now: Date; idleMinutes: number },
): Promise<string[]> {
  const cutoff = new Date(options.now.getTime() - options.idleMinutes * 60_000);
  const rows = await db
    .updateTable('users')
    .set({ presence: 'away', presence_changed_at: options.now })
    .where('workspace_id', '=', options.workspaceId)
    .where('presence', '=', 'online')
    .where((eb) => eb.or([eb('presence_changed_at', 'is', null), eb('presence_changed_at', '<=', cutoff)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('sessions')
            .select(sql`1`.as('seen'))
            .where('sessions.workspace_id', '=', options.workspaceId)
            .whereRef('sessions.user_id', '=', 'users.id')
            .where('sessions.last_seen_at', '>', cutoff),
        ),
      ),
    )
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Sweeps every workspace that has online agents, each with its own auto-away minutes, every minute (on every app
 * process: a second sweep finds nobody left to change). The timer is unref'd: it never keeps the process up.
 */
export class PresenceSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly options: {
      db: Kysely<Database>;
      log: Pick<FastifyBaseLogger, 'info' | 'error'>;
      everyMs?: number;
      now?: () => Date;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: unknown) => this.options.log.error({ err: error }, 'presence sweep failed'))
        .finally(() => {
          this.running = null;
        });
    }, this.options.everyMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over the workspaces; returns how many agents it turned away. */
  async sweep(): Promise<number> {
    const { db } = this.options;
    const now = this.options.now?.() ?? new Date();
    // Finding the workspaces to sweep is the one question asked across workspaces; each sweep then keeps to one.
    const workspaces = await db
      .selectFrom('users')
      .select('workspace_id')
      .distinct()
      .where('presence', '=', 'online')
      .execute();
    let marked = 0;
    for (const { workspace_id: workspaceId } of workspaces) {
      const { autoAwayMinutes } = await loadRoutingSettings(db, workspaceId);
      const away = await markIdleAgentsAway(db, { workspaceId, now, idleMinutes: autoAwayMinutes });
      if (away.length > 0)
        this.options.log.info({ workspaceId, away: away.length }, 'idle agents marked away');
      marked += away.length;
    }
    return marked;
  }
}
