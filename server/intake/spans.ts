import type { PiiOwnerType, PiiSpansTable } from '@server/db/schema';
import type { SealedSpan } from '@server/privacy/vault';
import type { Insertable } from 'kysely';

export type SpanRow = Insertable<PiiSpansTable>;

/** Sealed spans as rows, collected over a whole group and written in one statement. */
export function spanRows(
  owner: {
    workspaceId: string;
    ownerType: PiiOwnerType;
    ownerId: string;
    ticketId: string | null;
    customerId: string | null;
  },
  spans: readonly SealedSpan[],
): SpanRow[] {
  return spans.map((span) => ({
    workspace_id: owner.workspaceId,
    owner_type: owner.ownerType,
    owner_id: owner.ownerId,
    field: span.field,
    ticket_id: owner.ticketId,
    customer_id: owner.customerId,
    kind: span.kind,
    start_offset: span.start,
    end_offset: span.end,
    ciphertext: span.ciphertext,
  }));
}
