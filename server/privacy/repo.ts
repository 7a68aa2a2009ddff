import type { Database, PiiOwnerType } from '@server/db/schema';
import type { Kysely } from 'kysely';
import { type PersonalDataSpanJson, presentSpan } from './schema';

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
