import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { SlaTracker } from '@server/sla/tracker';
import { type Kysely, sql } from 'kysely';
import { assertNoPersonalData, broadcastToIncident } from './broadcast';

/**
 * Sends the holding reply (我们正在紧急处理…) to every linked ticket that is not closed and has not had it, once each
 * however often or concurrently it is posted; tickets linking later get it at intake. Posting again changes the
 * text those later tickets get.
 */
export async function sendHoldingReply(
  db: Kysely<Database>,
  options: { actor: Principal; incidentId: string; body: string; vault: PersonalDataVault; sla: SlaTracker },
): Promise<{ sent: number; queued: boolean }> {
  const { workspaceId, userId } = options.actor;
  // Masked before the transaction: sealing reads the workspace's keys, and transactions serialise on the embedded
  // engine.
  const masked = await options.vault.maskFields(workspaceId, { body: options.body });
  assertNoPersonalData(masked.spans, masked.text.body, 'body/body');
  const body = masked.text.body;
  return db.transaction().execute((tx) =>
    broadcastToIncident(tx, {
      workspaceId,
      incidentId: options.incidentId,
      kind: 'holding',
      body,
      authorUserId: userId,
      change: { holding_reply: body, holding_reply_at: sql<Date>`now()` },
      sla: options.sla,
    }),
  );
}
