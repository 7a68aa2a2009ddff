import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import type { PersonalDataVault } from '@server/privacy/vault';
import { publishRealtime } from '@server/realtime/publish';
import { recordTicketEvent } from '@server/tickets/events';
import { type Kysely, sql } from 'kysely';
import type { RegisterRequestBody } from './schema';

/**
 * Puts the registration on the ticket's timeline: where the request was received (门店 北京朝阳大悦城店), when, and
 * by whom it was registered (the intake pipeline records the customer's message without an author). Written once
 * per message; the order number the agent typed joins the ticket's order numbers even when it does not look like
 * one the text extraction knows.
 */
export async function recordRegistration(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    entry: RegisterRequestBody;
    vault: PersonalDataVault;
    ticketId: string;
    messageId: string;
  },
): Promise<void> {
  const { actor, entry, ticketId, messageId } = options;
  const { workspaceId } = actor;
  // A store's name is no personal data, but whatever is typed into it is masked; only the mask is kept.
  const detail = entry.sourceDetail
    ? (await options.vault.maskFields(workspaceId, { detail: entry.sourceDetail })).text.detail
    : '';
  await db.transaction().execute(async (tx) => {
    const recorded = await tx
      .selectFrom('ticket_events')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('ticket_id', '=', ticketId)
      .where('kind', '=', 'request_registered')
      .where(sql<string>`data->>'messageId'`, '=', messageId)
      .executeTakeFirst();
    if (recorded) return;
    await recordTicketEvent(tx, {
      workspaceId,
      ticketId,
      actorUserId: actor.userId,
      kind: 'request_registered',
      data: {
        messageId,
        source: entry.source,
        sourceDetail: detail,
        receivedAt: entry.receivedAt ?? null,
      },
    });
    if (entry.orderNumber) {
      await tx
        .updateTable('tickets')
        .set({ order_numbers: sql<string[]>`array_append(order_numbers, ${entry.orderNumber}::text)` })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', ticketId)
        .where(sql<boolean>`NOT (order_numbers @> ARRAY[${entry.orderNumber}]::text[])`)
        .execute();
    }
    await publishRealtime(tx, workspaceId, [
      { kind: 'ticket.updated', ticketId, data: { registered: true } },
    ]);
  });
}
