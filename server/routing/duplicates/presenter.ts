import type { TicketSummaryRow } from '@server/tickets/repo';
import type { MergeSuggestionJson, TicketSummaryJson } from './schema';
import { SAME_CUSTOMER_REASON, SAME_ORDER_REASON_PREFIX } from './similarity';

export function presentTicketSummary(row: TicketSummaryRow): TicketSummaryJson {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    channel: row.channel,
    customer:
      row.customer_id && row.customer_number
        ? { id: row.customer_id, number: row.customer_number, name: row.customer_name ?? '' }
        : null,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentMergeSuggestion(row: {
  candidate: TicketSummaryRow;
  score: number;
  reasons: string[];
  created_at: Date;
}): MergeSuggestionJson {
  return {
    candidate: presentTicketSummary(row.candidate),
    score: row.score,
    sameCustomer: row.reasons.includes(SAME_CUSTOMER_REASON),
    sharedOrderNumbers: row.reasons
      .filter((reason) => reason.startsWith(SAME_ORDER_REASON_PREFIX))
      .map((reason) => reason.slice(SAME_ORDER_REASON_PREFIX.length)),
    suggestedAt: row.created_at.toISOString(),
  };
}
