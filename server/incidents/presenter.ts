import { presentTicketSummary } from '@server/routing/duplicates/presenter';
import type { IncidentTicketRow, IncidentWithCounts } from './repo';
import type { IncidentDetailJson, IncidentJson } from './schema';

const iso = (value: Date | null) => (value ? value.toISOString() : null);
const person = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

export function presentIncident(row: IncidentWithCounts): IncidentJson {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    signature: row.signature,
    openedAt: row.opened_at.toISOString(),
    openedBy: person(row.opened_by, row.opened_by_name),
    resolvedAt: iso(row.resolved_at),
    resolvedBy: person(row.resolved_by, row.resolved_by_name),
    holdingReply: row.holding_reply,
    holdingReplyAt: iso(row.holding_reply_at),
    resolution: row.resolution,
    ticketCount: Number(row.ticket_count),
    holdingSentCount: Number(row.holding_sent_count),
    resolutionSentCount: Number(row.resolution_sent_count),
  };
}

export function presentIncidentDetail(
  row: IncidentWithCounts,
  tickets: IncidentTicketRow[],
): IncidentDetailJson {
  return {
    ...presentIncident(row),
    tickets: tickets.map((ticket) => ({
      ...presentTicketSummary(ticket),
      linkedAt: ticket.linked_at.toISOString(),
      holdingSent: ticket.holding_message_id !== null,
      resolutionSent: ticket.resolution_message_id !== null,
    })),
  };
}
