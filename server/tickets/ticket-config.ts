import type { Database, TicketConfig } from '@server/db/schema';
import { notFound, unprocessable } from '@server/http/problem';
import { DEFAULT_TAXONOMY_PRESET_ID, findTaxonomyPreset, type TaxonomyPreset } from '@shared/taxonomy';
import type { Kysely } from 'kysely';

function fromPreset(preset: TaxonomyPreset): TicketConfig {
  return { presetId: preset.id, types: preset.types, priorityLabels: preset.priorityLabels };
}

/** The workspace's taxonomy and priority names: its own if it saved one, else the default seed preset. */
export async function getTicketConfig(db: Kysely<Database>, workspaceId: string): Promise<TicketConfig> {
  const row = await db
    .selectFrom('workspaces')
    .select('ticket_config')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) throw notFound('Workspace');
  if (row.ticket_config) return row.ticket_config;
  return fromPreset(findTaxonomyPreset(DEFAULT_TAXONOMY_PRESET_ID) as TaxonomyPreset);
}

export async function saveTicketConfig(
  db: Kysely<Database>,
  options: { workspaceId: string; config: TicketConfig },
): Promise<TicketConfig> {
  const keys = options.config.types.map((type) => type.key);
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate) {
    throw unprocessable('duplicate_type', `Type key "${duplicate}" appears twice`, [
      { path: 'body/types', message: `Type key "${duplicate}" appears twice` },
    ]);
  }
  await db
    .updateTable('workspaces')
    .set({ ticket_config: JSON.stringify(options.config) })
    .where('id', '=', options.workspaceId)
    .execute();
  return options.config;
}

export function presetConfig(presetId: string): TicketConfig | undefined {
  const preset = findTaxonomyPreset(presetId);
  return preset ? fromPreset(preset) : undefined;
}

/** Rejects a type or sub-type the workspace does not define. */
export function assertKnownType(
  config: TicketConfig,
  type: string | null | undefined,
  subtype: string | null | undefined,
) {
  if (type == null) {
    if (subtype != null)
      throw unprocessable('subtype_without_type', 'Choose a type before a sub-type', [
        { path: 'body/subtype', message: 'Choose a type first' },
      ]);
    return;
  }
  const known = config.types.find((candidate) => candidate.key === type);
  if (!known)
    throw unprocessable('unknown_type', `Unknown request type "${type}"`, [
      { path: 'body/type', message: 'Not a type of this workspace' },
    ]);
  if (subtype != null && !known.subtypes.some((candidate) => candidate.key === subtype)) {
    throw unprocessable('unknown_subtype', `Unknown sub-type "${subtype}" of "${type}"`, [
      { path: 'body/subtype', message: `Not a sub-type of ${known.label}` },
    ]);
  }
}
