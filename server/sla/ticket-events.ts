import type { TicketStatus } from '@shared/tickets';
import type { SlaEvent, TrackedField } from './planner';

/** Ticket columns whose change re-matches the policy or moves a stage clock. */
const TRACKED_COLUMNS: Record<string, TrackedField> = {
  priority: 'priority',
  type: 'type',
  subtype: 'subtype',
  channel: 'channel',
  tags: 'tags',
  assignee_id: 'assignee',
  team_id: 'team',
  needs_collaboration: 'needs_collaboration',
  customer_id: 'customer',
};

/** The SLA events of an edit: changed fields first (a new type starts the assignment stage), then the status. */
export function slaEventsOfEdit(
  changedColumns: readonly string[],
  status: { from: TicketStatus; to: TicketStatus } | null,
  at: Date,
): SlaEvent[] {
  const events: SlaEvent[] = [];
  const fields = changedColumns.flatMap((column) => {
    const field = TRACKED_COLUMNS[column];
    return field ? [field] : [];
  });
  if (fields.length > 0) events.push({ kind: 'fields_changed', at, fields });
  if (status && status.from !== status.to) events.push({ kind: 'status_changed', ...status, at });
  return events;
}

/** The SLA events of a message: a reopening status change comes before the message it was caused by. */
export function slaEventsOfMessage(
  direction: 'inbound' | 'outbound' | 'note',
  status: { from: TicketStatus; to: TicketStatus },
  at: Date,
): SlaEvent[] {
  const message: SlaEvent =
    direction === 'inbound'
      ? { kind: 'customer_message', at }
      : direction === 'outbound'
        ? { kind: 'agent_reply', at }
        : { kind: 'note', at };
  if (status.from === status.to) return [message];
  const change: SlaEvent = { kind: 'status_changed', ...status, at };
  return direction === 'inbound' ? [change, message] : [message, change];
}
