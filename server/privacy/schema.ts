import type { Database, PiiOwnerType } from '@server/db/schema';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { PII_KINDS } from './detector';

export const piiKindSchema = z.enum(PII_KINDS);

/** One mask in a stored text field: the app shows it as a revealable span. */
export const personalDataSpanSchema = z.object({
  id: z.uuid(),
  /** The field the offsets point into: `subject`, `description`, `body`, `phone`, `notes`, `attributes.<key>`… */
  field: z.string(),
  kind: piiKindSchema,
  /** UTF-16 offsets into the field's text as returned, end exclusive. */
  start: z.number().int(),
  end: z.number().int(),
});
export type PersonalDataSpanJson = z.infer<typeof personalDataSpanSchema>;

export interface StoredSpanRow {
  id: string;
  owner_id: string;
  field: string;
  kind: string;
  start_offset: number;
  end_offset: number;
}

export const presentSpan = (row: StoredSpanRow): PersonalDataSpanJson => ({
  id: row.id,
  field: row.field,
  kind: row.kind as PersonalDataSpanJson['kind'],
  start: row.start_offset,
  end: row.end_offset,
});

/** The spans of some owners, grouped by owner id, for presenters. */
export async function spansByOwner(
  db: Kysely<Database>,
  options: { workspaceId: string; ownerType: PiiOwnerType; ownerIds: string[] },
): Promise<Map<string, PersonalDataSpanJson[]>> {
  const byOwner = new Map<string, PersonalDataSpanJson[]>();
  if (options.ownerIds.length === 0) return byOwner;
  const rows = await db
    .selectFrom('pii_spans')
    .select(['id', 'owner_id', 'field', 'kind', 'start_offset', 'end_offset'])
    .where('workspace_id', '=', options.workspaceId)
    .where('owner_type', '=', options.ownerType)
    .where('owner_id', 'in', options.ownerIds)
    .orderBy('field')
    .orderBy('start_offset')
    .execute();
  for (const row of rows) {
    const list = byOwner.get(row.owner_id) ?? [];
    list.push(presentSpan(row));
    byOwner.set(row.owner_id, list);
  }
  return byOwner;
}
