import type { CustomerIdentityRow, CustomerRow, Database } from '@server/db/schema';
import { indexTokens } from '@server/search/segmenter';
import type { Kysely } from 'kysely';

export interface CustomerWithIdentities extends CustomerRow {
  identities: CustomerIdentityRow[];
  merged_into_number: string | null;
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
  const [customers, identities] = await Promise.all([
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
  ]);
  const byId = new Map(
    customers.map((customer) => [customer.id, { ...customer, identities: [] as CustomerIdentityRow[] }]),
  );
  for (const identity of identities) byId.get(identity.customer_id)?.identities.push(identity);
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
