/**
 * A workspace's routing configuration: its settings (only what departs from the defaults is stored), its compiled
 * rules and its taxonomy, cached for 5 s per process (intake reads them for every group) and dropped at once when
 * this process edits them. Another process sees an edit within the 5 s.
 */
import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import type { Database, TicketConfig } from '@server/db/schema';
import { unprocessable } from '@server/http/problem';
import { getTicketConfig } from '@server/tickets/ticket-config';
import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings } from '@shared/routing';
import { type Kysely, sql } from 'kysely';
import { type CompiledRule, compileRules } from './rules/evaluate';
import { listRules, ruleFromRow } from './rules/service';

export async function loadRoutingSettings(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<RoutingSettings> {
  const row = await db
    .selectFrom('routing_settings')
    .select('settings')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return { ...DEFAULT_ROUTING_SETTINGS, ...(row?.settings ?? {}) };
}

/** Saves a change to the settings; team ids must be the workspace's own departments. */
export async function updateRoutingSettings(
  db: Kysely<Database>,
  options: { actor: Principal; patch: Partial<RoutingSettings> },
): Promise<RoutingSettings> {
  const { workspaceId } = options.actor;
  const { patch } = options;
  const teamIds = [
    ...Object.entries(patch.typeTeams ?? {}).map(([type, id]) => ({ id, path: `body/typeTeams/${type}` })),
    ...(patch.defaultTeamId ? [{ id: patch.defaultTeamId, path: 'body/defaultTeamId' }] : []),
  ];
  if (teamIds.length > 0) {
    const known = await db
      .selectFrom('departments')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where(
        'id',
        'in',
        teamIds.map((team) => team.id),
      )
      .execute();
    const missing = teamIds.filter((team) => !known.some((row) => row.id === team.id));
    if (missing.length > 0)
      throw unprocessable(
        'unknown_team',
        'No such team in this workspace',
        missing.map((team) => ({ path: team.path, message: 'No such team in this workspace' })),
      );
  }
  const current = await loadRoutingSettings(db, workspaceId);
  const next = { ...current, ...patch };
  const stored = Object.fromEntries(
    Object.entries(next).filter(
      ([key, value]) =>
        JSON.stringify(value) !== JSON.stringify(DEFAULT_ROUTING_SETTINGS[key as keyof RoutingSettings]),
    ),
  );
  await db
    .insertInto('routing_settings')
    .values({ workspace_id: workspaceId, settings: JSON.stringify(stored) })
    .onConflict((conflict) =>
      conflict
        .column('workspace_id')
        .doUpdateSet({ settings: JSON.stringify(stored), updated_at: sql`now()` }),
    )
    .execute();
  await recordAudit(db, {
    workspaceId,
    actorUserId: options.actor.userId,
    action: 'routing_settings.updated',
    targetType: 'workspace',
    targetId: workspaceId,
    detail: { fields: Object.keys(patch) },
  });
  return next;
}

export interface RoutingConfig {
  settings: RoutingSettings;
  rules: CompiledRule[];
  ticketConfig: TicketConfig;
  locale: string;
  timeZone: string;
  /** What the rules look at that costs a query: the SLA state, business hours. */
  uses: { slaState: boolean; businessHours: boolean };
}

const TTL_MS = 5_000;

export class RoutingConfigCache {
  private readonly entries = new Map<string, { at: number; config: Promise<RoutingConfig> }>();

  constructor(private readonly db: Kysely<Database>) {}

  /**
   * `executor`: the caller's transaction when it holds one. On the embedded engine transactions serialize, so a read
   * through another connection while a transaction is open would wait for it forever.
   */
  get(workspaceId: string, executor: Kysely<Database> = this.db): Promise<RoutingConfig> {
    const entry = this.entries.get(workspaceId);
    if (entry && Date.now() - entry.at < TTL_MS) return entry.config;
    const config = this.load(workspaceId, executor);
    this.entries.set(workspaceId, { at: Date.now(), config });
    config.catch(() => this.entries.delete(workspaceId));
    return config;
  }

  /** Drops the workspace's entry after an edit in this process. */
  invalidate(workspaceId: string): void {
    this.entries.delete(workspaceId);
  }

  private async load(workspaceId: string, db: Kysely<Database>): Promise<RoutingConfig> {
    const [settings, rules, ticketConfig, workspace] = await Promise.all([
      loadRoutingSettings(db, workspaceId),
      listRules(db, workspaceId),
      getTicketConfig(db, workspaceId),
      db
        .selectFrom('workspaces')
        .select(['default_locale', 'time_zone'])
        .where('id', '=', workspaceId)
        .executeTakeFirst(),
    ]);
    const enabled = rules.filter((rule) => rule.enabled);
    const uses = (field: string) => enabled.some((rule) => rule.conditions.some((c) => c.field === field));
    return {
      settings,
      rules: compileRules(rules.map(ruleFromRow)),
      uses: { slaState: uses('sla_state'), businessHours: uses('business_hours') },
      ticketConfig,
      locale: workspace?.default_locale ?? 'zh-CN',
      timeZone: workspace?.time_zone ?? 'Asia/Shanghai',
    };
  }
}
