/**
 * Priority from risk and emotion (seeds 000–004: upset customers, threats of complaints to regulators or the media,
 * legal threats, large losses, safety and data-security risks are urgent). Pure: the lexicon, the number of
 * messages the customer sent in a short time and the order amount in, the strongest reason out.
 */
import type { PriorityReason, RiskTerm, RoutingSettings } from '@shared/routing';
import { TICKET_PRIORITIES, type TicketPriority } from '@shared/tickets';

export const priorityRank = (priority: TicketPriority) => TICKET_PRIORITIES.indexOf(priority);

/** Whether `a` is more pressing than `b` (urgent before important before normal). */
export const outranks = (a: TicketPriority, b: TicketPriority) => priorityRank(a) < priorityRank(b);

const MAX_TERMS_SHOWN = 5;

function matchedTerms(text: string, terms: readonly RiskTerm[], priority: RiskTerm['priority']) {
  const lower = text.toLowerCase();
  const hits = terms.filter(
    (entry) => entry.priority === priority && lower.includes(entry.term.toLowerCase()),
  );
  // A longer term that contains a shorter hit says the same thing better (网上曝光 over 曝光).
  return hits.filter((hit) => !hits.some((other) => other !== hit && other.term.includes(hit.term)));
}

/** The strongest reason to raise a request's priority, or null for a calm request. */
export function assessRisk(input: {
  text: string;
  settings: Pick<
    RoutingSettings,
    'riskTerms' | 'repeatMessages' | 'repeatWindowMinutes' | 'largeOrderAmount' | 'urgentOrderAmount'
  >;
  /** Customer messages on this ticket within the repeat window, this one included. */
  recentCustomerMessages: number;
  orderAmount: number | null;
}): PriorityReason | null {
  const { settings, orderAmount } = input;
  const termReason = (priority: RiskTerm['priority']): PriorityReason | null => {
    const hits = matchedTerms(input.text, settings.riskTerms, priority);
    if (hits.length === 0) return null;
    return {
      priority,
      source: 'risk_term',
      detail: [...new Set(hits.map((hit) => hit.term))].slice(0, MAX_TERMS_SHOWN),
      category: hits[0]?.category,
    };
  };
  const amountReason = (priority: RiskTerm['priority'], threshold: number | null): PriorityReason | null =>
    threshold !== null && orderAmount !== null && orderAmount >= threshold
      ? { priority, source: 'order_amount', detail: [String(orderAmount)] }
      : null;
  return (
    termReason('urgent') ??
    amountReason('urgent', settings.urgentOrderAmount) ??
    termReason('important') ??
    (input.recentCustomerMessages >= settings.repeatMessages
      ? {
          priority: 'important',
          source: 'repeat_messages',
          detail: [String(input.recentCustomerMessages), String(settings.repeatWindowMinutes)],
        }
      : null) ??
    amountReason('important', settings.largeOrderAmount)
  );
}
