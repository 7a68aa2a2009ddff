import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { SlaTracker } from '@server/sla/tracker';
import { type Kysely, sql } from 'kysely';
import { assertNoPersonalData, broadcastToIncident } from './broadcast';

/**
 * Closes an incident: the resolution is broadcast once to every linked ticket that is not closed, and no new
 * ticket links to it any more. The tickets stay with their agents (a customer may still need a word).
 */
export async function resolveIncident(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    incidentId: string;
    resolution: string;
    vault: PersonalDataVault;
    sla: SlaTracker;
  },
): Promise<{ sent: number; queued: boolean }> {
  const { workspaceId, userId } = options.actor;
  const masked = await options.vault.maskFields(workspaceId, { resolution: options.resolution });
  assertNoPersonalData(masked.spans, masked.text.resolution, 'body/resolution');
  const resolution = masked.text.resolution;
  return db.transaction().execute((tx) =>
    broadcastToIncident(tx, {
      workspaceId,
      incidentId: options.incidentId,
      kind: 'resolution',
      body: resolution,
      authorUserId: userId,
      change: { status: 'resolved', resolution, resolved_at: sql<Date>`now()`, resolved_by: userId },
      sla: options.sla,
    }),
  );
}
