import { escapeLike } from '@server/db/like';
import type { Database } from '@server/db/schema';
import type { PersonalDataVault } from '@server/privacy/vault';
import { allTokensQuery, queryTokens } from '@server/search/segmenter';
import { type Kysely, sql } from 'kysely';
import { identityLookupValues, phoneKind } from './personal-fields';
import { type CustomerWithIdentities, loadCustomers } from './repo';

export interface CustomerLookup {
  q?: string;
  phoneLast4?: string;
  name?: string;
  channel?: string;
  externalId?: string;
  tag?: string;
  limit: number;
}

/**
 * Finds customers the ways the seeds identify them: by a channel identity, by an order number on any of their
 * tickets, by the last four phone digits together with the name (identity check), or by name/phone/number text.
 */
export async function findCustomers(
  db: Kysely<Database>,
  options: { workspaceId: string; lookup: CustomerLookup; vault: PersonalDataVault },
): Promise<CustomerWithIdentities[]> {
  const { workspaceId, lookup, vault } = options;
  let select = db
    .selectFrom('customers')
    .select('customers.id')
    .where('customers.workspace_id', '=', workspaceId)
    .where('customers.merged_into_id', 'is', null);

  if (lookup.channel && lookup.externalId) {
    const stored = await identityLookupValues(vault, workspaceId, lookup.channel, lookup.externalId);
    select = select.where('customers.id', 'in', (eb) =>
      eb
        .selectFrom('customer_identities')
        .select('customer_id')
        .where('workspace_id', '=', workspaceId)
        .where('channel', '=', lookup.channel as string)
        .where('external_id', 'in', stored),
    );
  }
  if (lookup.phoneLast4) select = select.where('customers.phone_last4', '=', lookup.phoneLast4);
  if (lookup.name) {
    const pattern = `%${escapeLike(lookup.name)}%`;
    select = select.where((eb) =>
      eb.or([eb('customers.name', 'ilike', pattern), eb('customers.nickname', 'ilike', pattern)]),
    );
  }
  if (lookup.tag) select = select.where(sql<boolean>`customers.tags @> ARRAY[${lookup.tag}]::text[]`);
  if (lookup.q) {
    const q = lookup.q;
    const digits = q.replace(/[\s-]/g, '');
    const terms = queryTokens(q);
    const pattern = `%${escapeLike(q)}%`;
    // A whole phone number or e-mail address is matched through its keyed hash: only masks are stored.
    const isPhone = /^\+?\d{7,15}$/.test(digits);
    const isEmail = /^[^@\s]+@[^@\s]+$/.test(q);
    const [phoneHash, emailHash, identityValues] = await Promise.all([
      isPhone ? vault.lookupHash(workspaceId, phoneKind(digits), digits) : null,
      isEmail ? vault.lookupHash(workspaceId, 'email', q) : null,
      identityLookupValues(vault, workspaceId, null, q),
    ]);
    select = select.where((eb) =>
      eb.or([
        eb('customers.number', '=', q.toUpperCase()),
        ...(emailHash ? [eb('customers.email_hash', '=', emailHash)] : []),
        ...(phoneHash ? [eb('customers.phone_hash', '=', phoneHash)] : []),
        eb(sql`customers.name || ' ' || customers.nickname`, 'ilike', pattern),
        ...(digits.length >= 4 && /^\+?\d+$/.test(digits)
          ? [eb('customers.phone', 'like', `%${escapeLike(digits.replace(/^\+/, ''))}%`)]
          : []),
        ...(terms.length ? [sql<boolean>`customers.search_vector @@ ${allTokensQuery(terms)}::tsquery`] : []),
        sql<boolean>`customers.id IN (SELECT customer_id FROM tickets WHERE workspace_id = ${workspaceId} AND order_numbers @> ARRAY[${q}]::text[])`,
        eb('customers.id', 'in', (sub) =>
          sub
            .selectFrom('customer_identities')
            .select('customer_id')
            .where('workspace_id', '=', workspaceId)
            .where('external_id', 'in', identityValues),
        ),
      ]),
    );
  }
  const rows = await select
    .orderBy('customers.updated_at', 'desc')
    .orderBy('customers.id')
    .limit(lookup.limit)
    .execute();
  return loadCustomers(db, { workspaceId, customerIds: rows.map((row) => row.id) });
}
