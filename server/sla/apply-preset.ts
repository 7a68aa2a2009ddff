import { recordAudit } from '@server/audit/service';
import type { CalendarCache } from '@server/calendars/repo';
import type { Database } from '@server/db/schema';
import { notFound } from '@server/http/problem';
import { presetConfig } from '@server/tickets/ticket-config';
import type { Kysely } from 'kysely';
import { policyColumns } from './policies/service';
import { findServicePreset } from './presets';

/**
 * Installs a seed preset in a workspace: its taxonomy, its SLA policies (replacing the workspace's), and the
 * default calendar when the workspace has none (an existing calendar keeps its own days). Used by the preset
 * chooser, first-run setup and the demo workspace.
 */
export async function installPreset(
  db: Kysely<Database>,
  calendars: CalendarCache,
  options: { workspaceId: string; presetId: string; actorUserId: string | null },
): Promise<string[]> {
  const preset = findServicePreset(options.presetId);
  const taxonomy = preset && presetConfig(preset.taxonomyPresetId);
  if (!preset || !taxonomy) throw notFound('Preset');
  await calendars.get(db, options.workspaceId, null);
  return db.transaction().execute(async (tx) => {
    await tx
      .updateTable('workspaces')
      .set({ ticket_config: JSON.stringify(taxonomy), sla_preset_id: preset.id })
      .where('id', '=', options.workspaceId)
      .execute();
    await tx.deleteFrom('sla_policies').where('workspace_id', '=', options.workspaceId).execute();
    const inserted = await tx
      .insertInto('sla_policies')
      .values(
        preset.policies.map((policy, index) => ({
          workspace_id: options.workspaceId,
          position: index + 1,
          name: policy.name,
          match: '{}',
          targets: '[]',
          warning_actions: '[]',
          escalations: '[]',
          ...policyColumns(policy),
        })),
      )
      .returning('id')
      .execute();
    await recordAudit(tx, {
      workspaceId: options.workspaceId,
      actorUserId: options.actorUserId,
      action: 'sla_preset.applied',
      targetType: 'workspace',
      targetId: options.workspaceId,
      detail: { presetId: preset.id },
    });
    return inserted.map((row) => row.id);
  });
}
