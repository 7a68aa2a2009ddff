/**
 * Writes routing decisions: one UPDATE for every changed ticket, the timeline (type, priority with its reason,
 * team, assignee, the rules that fired), the assignee's notification, the acceptance notice and rule messages to
 * the customer (outbox), and rule webhooks (queued, called after the commit by the webhook worker).
 */
import type { Database } from '@server/db/schema';
import { notify } from '@server/notifications/service';
import type { RealtimeEvent } from '@server/realtime/publish';
import { type Kysely, sql } from 'kysely';
import type { AssignmentDecision } from './assignment/choose-assignees';
import {
  type AutomatedMessage,
  acceptanceNotice,
  fillTemplate,
  templateValues,
  writeAutomatedMessages,
} from './auto-messages';
import type { RoutingDecision } from './decide';
import type { TicketFacts } from './load-facts';
import type { RoutingConfig } from './settings';

export interface RoutedTicket {
  ticket: TicketFacts;
  decision: RoutingDecision;
  /** How the assignee was chosen, when the team's strategy chose one. */
  strategy: AssignmentDecision['strategy'] | null;
}

interface TimelineRow {
  workspace_id: string;
  ticket_id: string;
  actor_user_id: string | null;
  kind: string;
  data: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function applyRouting(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    config: RoutingConfig;
    routed: readonly RoutedTicket[];
    actorUserId: string | null;
    /** Push `ticket.updated` for changed tickets (not for tickets created in the same transaction). */
    announce: boolean;
  },
) {
  const { workspaceId, config } = options;
  const changedColumns = new Map<string, string[]>();
  const updates: Record<string, unknown>[] = [];
  const timeline: TimelineRow[] = [];
  const realtime: RealtimeEvent[] = [];
  const newlyAssigned: RoutedTicket[] = [];
  const webhooks: { url: string; payload: Record<string, unknown> }[] = [];
  const messages: AutomatedMessage[] = [];
  const entry = (ticketId: string, kind: string, data: Record<string, unknown>) =>
    timeline.push({
      workspace_id: workspaceId,
      ticket_id: ticketId,
      actor_user_id: null,
      kind,
      data: JSON.stringify(data),
    });

  for (const routed of options.routed) {
    const { ticket, decision } = routed;
    const tags = [...ticket.tags, ...decision.addTags];
    const collaboration = decision.collaborationDepartmentIds;
    const next = {
      type: decision.type,
      subtype: decision.subtype,
      priority: decision.priority,
      priority_reason: decision.priorityReason,
      type_suggestion: decision.typeSuggestion ?? undefined,
      team_id: decision.teamId,
      assignee_id: decision.assigneeId,
      tags,
      ...(collaboration && {
        needs_collaboration: true,
        collaboration_department_ids: [...new Set([...ticket.collaborationDepartmentIds, ...collaboration])],
      }),
    };
    const current: Record<string, unknown> = {
      type: ticket.type,
      subtype: ticket.subtype,
      priority: ticket.priority,
      priority_reason: ticket.priorityReason,
      type_suggestion: undefined,
      team_id: ticket.teamId,
      assignee_id: ticket.assigneeId,
      tags: ticket.tags,
      needs_collaboration: ticket.needsCollaboration,
      collaboration_department_ids: ticket.collaborationDepartmentIds,
    };
    const changed = Object.keys(next).filter(
      (column) =>
        next[column as keyof typeof next] !== undefined &&
        !same(next[column as keyof typeof next], current[column]),
    );
    if (changed.length === 0 && decision.firedRules.length === 0) continue;
    // A suggestion alone is shown on the ticket, not worth a timeline entry or a push of its own.
    const routedColumns = changed.filter((column) => column !== 'type_suggestion');

    if (changed.length > 0) {
      changedColumns.set(ticket.id, routedColumns);
      updates.push({
        id: ticket.id,
        type: next.type,
        subtype: next.subtype,
        priority: next.priority,
        priority_reason: next.priority_reason,
        type_suggestion: decision.typeSuggestion,
        team_id: next.team_id,
        assignee_id: next.assignee_id,
        // 第一责任人: the first person a ticket is given to stays its first owner through any transfer.
        first_owner_id: ticket.firstOwnerId ?? next.assignee_id,
        tags: next.tags,
        needs_collaboration: next.needs_collaboration ?? ticket.needsCollaboration,
        collaboration_department_ids: next.collaboration_department_ids ?? ticket.collaborationDepartmentIds,
      });
      // A new ticket's `ticket.created` already makes every screen load it as routed.
      if (options.announce && routedColumns.length > 0)
        realtime.push({ kind: 'ticket.updated', ticketId: ticket.id, data: { changes: ['routed'] } });
    }
    if (routedColumns.length === 0 && decision.firedRules.length === 0) continue;
    entry(ticket.id, 'routed', {
      rules: decision.firedRules.map((rule) => rule.name),
      ...(changed.includes('type') || changed.includes('subtype')
        ? { type: { from: ticket.type, to: decision.type, subtype: decision.subtype } }
        : {}),
      ...(decision.typeSuggestion ? { suggestion: decision.typeSuggestion } : {}),
      ...(changed.includes('priority')
        ? { priority: { from: ticket.priority, to: decision.priority, reason: decision.priorityReason } }
        : {}),
      ...(changed.includes('team_id') ? { team: { from: ticket.teamId, to: decision.teamId } } : {}),
      ...(decision.addTags.length > 0 ? { tags: decision.addTags } : {}),
    });
    if (changed.includes('assignee_id') && decision.assigneeId) {
      entry(ticket.id, 'assigned', {
        from: ticket.assigneeId,
        to: decision.assigneeId,
        strategy: routed.strategy ?? 'rule',
      });
      newlyAssigned.push(routed);
    }
    for (const url of decision.webhooks) {
      webhooks.push({
        url,
        payload: {
          event: 'routing.rule_matched',
          rules: decision.firedRules.map((rule) => rule.name),
          ticket: { id: ticket.id, number: ticket.number, priority: decision.priority, type: decision.type },
        },
      });
    }
  }

  if (updates.length > 0) {
    await sql`
      UPDATE tickets AS t SET
        type = v.type, subtype = v.subtype, priority = v.priority, priority_reason = v.priority_reason,
        type_suggestion = COALESCE(v.type_suggestion, t.type_suggestion), team_id = v.team_id,
        assignee_id = v.assignee_id, first_owner_id = v.first_owner_id, tags = v.tags,
        needs_collaboration = v.needs_collaboration, collaboration_department_ids = v.collaboration_department_ids,
        version = t.version + 1, updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS v(
        id uuid, type text, subtype text, priority text, priority_reason jsonb, type_suggestion jsonb, team_id uuid,
        assignee_id uuid, first_owner_id uuid, tags text[], needs_collaboration boolean,
        collaboration_department_ids uuid[])
      WHERE t.workspace_id = ${workspaceId} AND t.id = v.id`.execute(tx);
  }
  if (timeline.length > 0) await tx.insertInto('ticket_events').values(timeline).execute();

  const people = await assigneesOf(tx, workspaceId, newlyAssigned);
  if (newlyAssigned.length > 0) {
    const announced = await notify(
      tx,
      workspaceId,
      newlyAssigned.flatMap(({ ticket, decision }) =>
        decision.assigneeId && decision.assigneeId !== options.actorUserId
          ? [
              {
                userId: decision.assigneeId,
                kind: 'ticket_assigned' as const,
                ticketId: ticket.id,
                data: { ticketNumber: ticket.number, subject: ticket.subject, priority: decision.priority },
              },
            ]
          : [],
      ),
      { publish: false },
    );
    realtime.push(...announced);
  }
  for (const routed of options.routed) {
    const { ticket, decision } = routed;
    if (!ticket.conversationId) continue;
    const person = decision.assigneeId ? people.get(decision.assigneeId) : undefined;
    const values = templateValues(ticket, person);
    // The notice goes once, when the request first gets its owner (a later reassignment is no new acceptance).
    if (newlyAssigned.includes(routed) && person && !ticket.firstOwnerId) {
      const notice = acceptanceNotice(config, ticket, person);
      if (notice) messages.push(notice);
    }
    for (const template of decision.messages)
      messages.push({
        ticketId: ticket.id,
        conversationId: ticket.conversationId,
        channel: ticket.channel,
        body: fillTemplate(template, values),
      });
  }
  realtime.push(...(await writeAutomatedMessages(tx, workspaceId, messages)));
  if (webhooks.length > 0) {
    await tx
      .insertInto('webhook_calls')
      .values(
        webhooks.map((call) => ({
          workspace_id: workspaceId,
          url: call.url,
          payload: JSON.stringify(call.payload),
        })),
      )
      .execute();
  }
  return { changedColumns, realtime, queuedDeliveries: messages.length > 0 };
}

export async function assigneesOf(
  tx: Kysely<Database>,
  workspaceId: string,
  routed: readonly RoutedTicket[],
) {
  const ids = [
    ...new Set(routed.flatMap(({ decision }) => (decision.assigneeId ? [decision.assigneeId] : []))),
  ];
  if (ids.length === 0) return new Map<string, { name: string; employeeNo: string }>();
  const rows = await tx
    .selectFrom('users')
    .select(['id', 'name', 'employee_no'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, { name: row.name, employeeNo: row.employee_no ?? '' }]));
}
