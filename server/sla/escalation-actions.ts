import type { Database } from '@server/db/schema';
import {
  digestNotifications,
  type NewNotification,
  type NotificationKind,
  notify,
} from '@server/notifications/service';
import type { RealtimeEvent } from '@server/realtime/publish';
import type { EscalationAction, SlaMetric } from '@shared/sla';
import type { TicketPriority } from '@shared/tickets';
import { type Kysely, sql } from 'kysely';
import type { SlaEvent, TrackedField } from './planner';
import type { TicketFacts } from './policy-match';

/** One fired warning, breach or escalation level, with what it must do. */
export interface FiredItem {
  facts: TicketFacts & { number: string; subject: string };
  metric: SlaMetric;
  kind: 'warning' | 'breach' | 'escalation';
  level: number;
  dueAt: Date | null;
  actions: readonly EscalationAction[];
}

interface Supervisor {
  id: string;
  departmentId: string | null;
}

const RAISED: Record<TicketPriority, TicketPriority> = {
  normal: 'important',
  important: 'urgent',
  urgent: 'urgent',
};

/** What an escalation may change on a ticket: the change key, the SLA field it moves, its timeline name. */
const CHANGE_COLUMNS = [
  ['priority', 'priority', 'priority'],
  ['assigneeId', 'assignee', 'assigneeId'],
  ['teamId', 'team', 'teamId'],
  ['tags', 'tags', 'tags'],
] as const satisfies readonly (readonly [keyof TicketChange, TrackedField, string])[];

interface TicketChange {
  priority?: TicketPriority;
  assigneeId?: string;
  teamId?: string;
  tags?: string[];
}

const NOTIFICATION_OF: Record<FiredItem['kind'], NotificationKind> = {
  warning: 'sla_warning',
  breach: 'sla_breached',
  escalation: 'sla_escalated',
};

/**
 * Runs fired items' actions inside the scheduler's transaction: notifications, ticket changes (priority, owner,
 * team, tags) with their timeline entries, queued webhooks. Returns the SLA events the ticket changes cause, so
 * the caller re-plans those tickets' clocks (a raised priority has tighter targets).
 */
export async function runEscalationActions(
  tx: Kysely<Database>,
  workspaceId: string,
  items: readonly FiredItem[],
  now: Date,
): Promise<{ slaEvents: Map<string, SlaEvent[]>; realtime: RealtimeEvent[] }> {
  const notifications: NewNotification[] = [];
  const slaEvents = new Map<string, SlaEvent[]>();
  const realtime: RealtimeEvent[] = [];
  const changes = new Map<string, TicketChange>();
  const timeline: { ticket_id: string; kind: string; data: Record<string, unknown> }[] = [];
  const webhooks: { url: string; payload: Record<string, unknown> }[] = [];
  const supervisors = items.some((item) =>
    item.actions.some((a) => a.kind === 'notify_supervisor' || a.kind === 'reassign'),
  )
    ? await loadSupervisors(tx, workspaceId)
    : [];
  // One timeline entry per clock and sweep: a breach and the escalation level it triggers at once read as one.
  const fired = new Map<string, { ticket_id: string; kind: string; data: Record<string, unknown> }>();
  const recordFiring = (item: FiredItem) => {
    const key = `${item.facts.id}/${item.metric}/${item.kind === 'warning' ? 'warning' : 'late'}`;
    const actions = item.actions.map((action) => action.kind);
    const existing = fired.get(key);
    if (existing) {
      existing.data.escalationLevel = item.level;
      existing.data.actions = [...(existing.data.actions as string[]), ...actions];
      return;
    }
    const kind =
      item.kind === 'warning' ? 'sla_warning' : item.kind === 'breach' ? 'sla_breached' : 'sla_escalated';
    fired.set(key, {
      ticket_id: item.facts.id,
      kind,
      data: {
        metric: item.metric,
        dueAt: item.dueAt?.toISOString() ?? null,
        escalationLevel: item.kind === 'escalation' ? item.level : 0,
        actions,
      },
    });
  };
  const addEvent = (ticketId: string, event: SlaEvent) => {
    const list = slaEvents.get(ticketId);
    if (list) list.push(event);
    else slaEvents.set(ticketId, [event]);
  };

  for (const item of items) {
    const { facts } = item;
    const data = {
      ticketNumber: facts.number,
      subject: facts.subject,
      metric: item.metric,
      level: item.level,
      dueAt: item.dueAt?.toISOString() ?? null,
    };
    recordFiring(item);
    const change = changes.get(facts.id) ?? {};
    changes.set(facts.id, change);
    const supervisorsOf = () => teamSupervisors(supervisors, change.teamId ?? facts.teamId);
    for (const action of item.actions) {
      switch (action.kind) {
        case 'notify_assignee':
          if (facts.assigneeId)
            notifications.push({
              userId: facts.assigneeId,
              kind: NOTIFICATION_OF[item.kind],
              ticketId: facts.id,
              data,
            });
          break;
        case 'notify_supervisor':
          for (const supervisor of supervisorsOf())
            notifications.push({
              userId: supervisor.id,
              kind: NOTIFICATION_OF[item.kind],
              ticketId: facts.id,
              data,
            });
          break;
        case 'raise_priority': {
          const current = change.priority ?? facts.priority;
          if (RAISED[current] !== current) change.priority = RAISED[current];
          break;
        }
        case 'reassign':
          if (action.to === 'team' && action.teamId) change.teamId = action.teamId;
          if (action.to === 'supervisor') {
            const supervisor = supervisorsOf()[0];
            if (supervisor && supervisor.id !== facts.assigneeId) change.assigneeId = supervisor.id;
          }
          break;
        case 'add_tag':
          if (!facts.tags.includes(action.tag) && !change.tags?.includes(action.tag))
            change.tags = [...(change.tags ?? facts.tags), action.tag];
          break;
        case 'webhook':
          webhooks.push({
            url: action.url,
            payload: { event: `sla.${item.kind}`, ticketId: facts.id, ...data, firedAt: now.toISOString() },
          });
          break;
        case 'require_explanation':
          addEvent(facts.id, { kind: 'explanation_required', at: now, withinMinutes: action.withinMinutes });
          if (facts.assigneeId)
            notifications.push({
              userId: facts.assigneeId,
              kind: 'explanation_required',
              ticketId: facts.id,
              data: { ...data, withinMinutes: action.withinMinutes },
            });
          break;
      }
    }
  }

  const facts = new Map(items.map((item) => [item.facts.id, item.facts]));
  const updates = [...changes].filter(([, change]) => Object.keys(change).length > 0);
  if (updates.length > 0) {
    await sql`
      UPDATE tickets AS t SET
        priority = COALESCE(v.priority, t.priority),
        assignee_id = COALESCE(v.assignee_id, t.assignee_id),
        team_id = COALESCE(v.team_id, t.team_id),
        tags = COALESCE(v.tags, t.tags),
        version = t.version + 1,
        updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(
        updates.map(([id, change]) => ({
          id,
          priority: change.priority ?? null,
          assignee_id: change.assigneeId ?? null,
          team_id: change.teamId ?? null,
          tags: change.tags ?? null,
        })),
      )}::jsonb) AS v(id uuid, priority text, assignee_id uuid, team_id uuid, tags text[])
      WHERE t.id = v.id AND t.workspace_id = ${workspaceId}`.execute(tx);
    for (const [id, change] of updates) {
      const before = facts.get(id) as TicketFacts;
      const fields: TrackedField[] = [];
      for (const [key, field, name] of CHANGE_COLUMNS) {
        const to = change[key];
        if (to === undefined) continue;
        fields.push(field);
        const from = before[key];
        timeline.push(
          key === 'assigneeId'
            ? { ticket_id: id, kind: 'assigned', data: { from, to, reason: 'sla_escalation' } }
            : {
                ticket_id: id,
                kind: 'field_changed',
                data: { field: name, from, to, reason: 'sla_escalation' },
              },
        );
      }
      addEvent(id, { kind: 'fields_changed', at: now, fields });
      realtime.push({ kind: 'ticket.updated', ticketId: id });
    }
  }
  timeline.unshift(...fired.values());
  if (fired.size > 0) {
    const ticketIds = [...new Set([...fired.values()].map((entry) => entry.ticket_id))];
    realtime.push({ kind: 'ticket.sla', ticketId: null, data: { ticketIds } });
  }
  if (timeline.length > 0) {
    await tx
      .insertInto('ticket_events')
      .values(
        timeline.map((entry) => ({
          workspace_id: workspaceId,
          ticket_id: entry.ticket_id,
          actor_user_id: null,
          kind: entry.kind,
          data: JSON.stringify(entry.data),
        })),
      )
      .execute();
  }
  if (webhooks.length > 0) {
    await tx
      .insertInto('webhook_calls')
      .values(
        webhooks.map((hook) => ({
          workspace_id: workspaceId,
          url: hook.url,
          payload: JSON.stringify(hook.payload),
        })),
      )
      .execute();
  }
  await notify(tx, workspaceId, digestNotifications(notifications));
  return { slaEvents, realtime };
}

async function loadSupervisors(tx: Kysely<Database>, workspaceId: string): Promise<Supervisor[]> {
  const rows = await tx
    .selectFrom('users')
    .select(['id', 'department_id'])
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'supervisor')
    .where('deactivated_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({ id: row.id, departmentId: row.department_id }));
}

/** The ticket team's supervisors; every supervisor of the workspace when the team has none (or no team is set). */
function teamSupervisors(all: readonly Supervisor[], teamId: string | null): Supervisor[] {
  const ofTeam = teamId ? all.filter((supervisor) => supervisor.departmentId === teamId) : [];
  return ofTeam.length > 0 ? ofTeam : [...all];
}
