import type { CustomerIdentityRow, CustomerRow, Database } from '@server/db/schema';
import type { StoredSpanRow } from '@server/privacy/schema';
import { indexTokens } from '@server/search/segmenter';
import type { Kysely } from 'kysely';

export interface CustomerWithIdentities extends CustomerRow {
  identities: CustomerIdentityRow[];
  merged_into_number: string | null;
  /** Masks in the profile and identities, with the span ids that reveal them. */
  personal_data: StoredSpanRow[];
}

/** The space-joined tokens the customer's full-text index is built from. */
export function customerSearchTokens(customer: {
  name: string;
  nickname: string;
  company: string;
  email: string | null;
  number: string;
}) {
  return indexTokens(
    [customer.name, customer.nickname, customer.company, customer.email ?? '', customer.number].join(' '),
  ).join(' ');
}

export async function loadCustomers(
  db: Kysely<Database>,
  options: { workspaceId: string; customerIds: string[] },
): Promise<CustomerWithIdentities[]> {
  if (options.customerIds.length === 0) return [];
  const [customers, identities, spans] = await Promise.all([
    db
      .selectFrom('customers')
      .leftJoin('customers as merged', (join) =>
        join
          .onRef('merged.id', '=', 'customers.merged_into_id')
          .onRef('merged.workspace_id', '=', 'customers.workspace_id'),
      )
      .selectAll('customers')
      .select('merged.number as merged_into_number')
      .where('customers.workspace_id', '=', options.workspaceId)
      .where('customers.id', 'in', options.customerIds)
      .execute(),
    db
      .selectFrom('customer_identities')
      .selectAll()
      .where('workspace_id', '=', options.workspaceId)
      .where('customer_id', 'in', options.customerIds)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('pii_spans')
      .select(['id', 'owner_id', 'customer_id', 'field', 'kind', 'start_offset', 'end_offset'])
      .where('workspace_id', '=', options.workspaceId)
      .where('customer_id', 'in', options.customerIds)
      .where('owner_type', 'in', ['customer', 'identity'])
      .orderBy('start_offset')
      .execute(),
  ]);
  const byId = new Map(
    customers.map((customer) => [
      customer.id,
      { ...customer, identities: [] as CustomerIdentityRow[], personal_data: [] as StoredSpanRow[] },
    ]),
  );
  for (const identity of identities) byId.get(identity.customer_id)?.identities.push(identity);
  for (const span of spans) if (span.customer_id) byId.get(span.customer_id)?.personal_data.push(span);
  return options.customerIds.flatMap((id) => {
    const customer = byId.get(id);
    return customer ? [customer] : [];
  });
}

export async function loadCustomer(
  db: Kysely<Database>,
  options: { workspaceId: string; customerId: string },
) {
  const [customer] = await loadCustomers(db, {
    workspaceId: options.workspaceId,
    customerIds: [options.customerId],
  });
  return customer;
}
