import { recordAudit } from '@server/audit/service';
import { principalMay } from '@server/auth/guards';
import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import { forbidden, notFound } from '@server/http/problem';
import type { Kysely } from 'kysely';
import { PII_KINDS } from './detector';
import { maskText } from './spans';
import type { PersonalDataVault } from './vault';

/**
 * Shows one masked original to a permitted user for a stated reason (seed 002: every access is traceable). The
 * reveal and every refused attempt are audited with where the span sits; the original itself never is. Nothing
 * is cached: the next load shows the mask again.
 */
export async function revealPersonalData(
  db: Kysely<Database>,
  vault: PersonalDataVault,
  options: { actor: Principal; spanId: string; reason: string; ip: string | null },
): Promise<{ id: string; kind: string; field: string; text: string }> {
  const { actor } = options;
  const span = await db
    .selectFrom('pii_spans')
    .leftJoin('tickets', (join) =>
      join
        .onRef('tickets.id', '=', 'pii_spans.ticket_id')
        .onRef('tickets.workspace_id', '=', 'pii_spans.workspace_id'),
    )
    .leftJoin('customers', (join) =>
      join
        .onRef('customers.id', '=', 'pii_spans.customer_id')
        .onRef('customers.workspace_id', '=', 'pii_spans.workspace_id'),
    )
    .select([
      'pii_spans.id',
      'pii_spans.kind',
      'pii_spans.field',
      'pii_spans.owner_type',
      'pii_spans.owner_id',
      'pii_spans.ticket_id',
      'pii_spans.customer_id',
      'pii_spans.ciphertext',
      'tickets.number as ticket_number',
      'customers.number as customer_number',
    ])
    .where('pii_spans.workspace_id', '=', actor.workspaceId)
    .where('pii_spans.id', '=', options.spanId)
    .executeTakeFirst();
  if (!span) throw notFound('Personal data');

  const detail = {
    spanId: span.id,
    kind: span.kind,
    field: span.field,
    ownerType: span.owner_type,
    ticketId: span.ticket_id,
    ticketNumber: span.ticket_number,
    messageId: span.owner_type === 'message' ? span.owner_id : null,
    customerId: span.customer_id,
    customerNumber: span.customer_number,
    // The audit log is append-only and outlives an erasure: personal data typed into the reason is masked.
    reason: maskText(options.reason, { kinds: [...PII_KINDS], formats: {} }).text,
  };
  const audit = (action: string) =>
    recordAudit(db, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action,
      targetType: span.ticket_id ? 'ticket' : 'customer',
      targetId: span.ticket_id ?? span.customer_id,
      detail,
      ip: options.ip,
    });
  if (!principalMay(actor, 'pii', 'reveal')) {
    await audit('pii.reveal_denied');
    throw forbidden(
      'Revealing personal data needs the 查看敏感信息 (pii:reveal) permission',
      'pii_reveal_forbidden',
    );
  }
  const text = await vault.decrypt(actor.workspaceId, span.ciphertext);
  await audit('pii.revealed');
  return { id: span.id, kind: span.kind, field: span.field, text };
}
