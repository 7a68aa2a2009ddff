/**
 * Intake step: find the customer of each new conversation by its platform identity, or create one (numbered like
 * any customer, CUS + date + serial), inside the group's transaction.
 */

import { customerSearchTokens } from '@server/customers/repo';
import type { Database } from '@server/db/schema';
import { type SpanRow, spanRows } from '@server/privacy/vault';
import { allocateDailySerial, formatDailyNumber } from '@server/tickets/numbering';
import type { Kysely } from 'kysely';
import { byWorkspace } from './grouping';
import type { PreparedInbound } from './prepare';

const identityKey = (workspaceId: string, channel: string, externalId: string) =>
  `${workspaceId}\u0000${channel}\u0000${externalId}`;

export const identityKeyOf = (item: PreparedInbound) =>
  identityKey(item.message.workspaceId, item.identity.channel, item.identity.externalId);

/** Customer id per identity key, for the given messages; creates the customers nobody knows yet. */
export async function resolveCustomers(
  tx: Kysely<Database>,
  items: readonly PreparedInbound[],
  timeZones: ReadonlyMap<string, string>,
  spans: SpanRow[],
): Promise<Map<string, string>> {
  const byKey = new Map<string, PreparedInbound>();
  for (const item of items) if (!byKey.has(identityKeyOf(item))) byKey.set(identityKeyOf(item), item);
  const customers = new Map<string, string>();
  if (byKey.size === 0) return customers;

  const known = await tx
    .selectFrom('customer_identities as i')
    .innerJoin('customers as c', (join) =>
      join.onRef('c.id', '=', 'i.customer_id').onRef('c.workspace_id', '=', 'i.workspace_id'),
    )
    .select(['i.workspace_id', 'i.channel', 'i.external_id', 'i.customer_id', 'c.merged_into_id'])
    .where('i.workspace_id', 'in', [...new Set([...byKey.values()].map((item) => item.message.workspaceId))])
    .where('i.channel', 'in', [...new Set([...byKey.values()].map((item) => item.identity.channel))])
    .where('i.external_id', 'in', [...new Set([...byKey.values()].map((item) => item.identity.externalId))])
    .execute();
  for (const row of known) {
    // The three IN lists also match combinations nobody asked for; only asked-for identities count.
    if (!byKey.has(identityKey(row.workspace_id, row.channel, row.external_id))) continue;
    customers.set(
      identityKey(row.workspace_id, row.channel, row.external_id),
      row.merged_into_id ?? row.customer_id,
    );
  }

  await joinCustomersByVerifiedEmail(tx, byKey, customers);
  const unknown = [...byKey.entries()].filter(([key]) => !customers.has(key));
  for (const [workspaceId, entries] of byWorkspace(unknown, ([, item]) => item.message.workspaceId)) {
    const { day, serial: first } = await allocateDailySerial(tx, {
      workspaceId,
      scope: 'customer',
      timeZone: timeZones.get(workspaceId) ?? 'Asia/Shanghai',
      at: new Date(),
      count: entries.length,
    });
    const rows = await tx
      .insertInto('customers')
      .values(
        entries.map(([, item], index) => {
          const number = formatDailyNumber(day, first + index, 'CUS');
          const profile = item.newCustomer;
          return {
            workspace_id: workspaceId,
            number,
            name: profile.name,
            nickname: profile.nickname,
            phone: profile.phone,
            phone_hash: profile.phoneHash,
            email: profile.email,
            email_hash: profile.emailHash,
            attributes: '{}',
            search_tokens: customerSearchTokens({ ...profile, company: '', number }),
          };
        }),
      )
      .returning('id')
      .execute();
    const identities = await tx
      .insertInto('customer_identities')
      .values(
        entries.map(([, item], index) => ({
          workspace_id: workspaceId,
          customer_id: rows[index]?.id as string,
          channel: item.identity.channel,
          external_id: item.identity.externalId,
          display: item.identity.display,
        })),
      )
      .returning('id')
      .execute();
    entries.forEach(([key, item], index) => {
      const customerId = rows[index]?.id as string;
      customers.set(key, customerId);
      const owner = { workspaceId, customerId, ticketId: null };
      spans.push(
        ...spanRows({ ...owner, ownerType: 'customer', ownerId: customerId }, item.newCustomer.spans),
      );
      if (item.identity.span) {
        const identityId = identities[index]?.id as string;
        spans.push(
          ...spanRows({ ...owner, ownerType: 'identity', ownerId: identityId }, [item.identity.span]),
        );
      }
    });
  }
  return customers;
}

/**
 * A new identity whose e-mail is vouched for (a host site's signed-in user) joins the customer who already has that
 * e-mail, through any channel: the customer is recognised instead of duplicated.
 */
async function joinCustomersByVerifiedEmail(
  tx: Kysely<Database>,
  byKey: ReadonlyMap<string, PreparedInbound>,
  customers: Map<string, string>,
): Promise<void> {
  const candidates = [...byKey.entries()].filter(
    ([key, item]) => !customers.has(key) && item.message.sender.emailVerified && item.newCustomer.emailHash,
  );
  if (candidates.length === 0) return;
  const known = await tx
    .selectFrom('customers')
    .select(['id', 'workspace_id', 'email_hash'])
    .where('workspace_id', 'in', [...new Set(candidates.map(([, item]) => item.message.workspaceId))])
    .where(
      'email_hash',
      'in',
      candidates.map(([, item]) => item.newCustomer.emailHash as string),
    )
    .where('merged_into_id', 'is', null)
    .orderBy('created_at')
    .execute();
  const joined: { key: string; item: PreparedInbound; customerId: string }[] = [];
  for (const [key, item] of candidates) {
    const match = known.find(
      (row) => row.workspace_id === item.message.workspaceId && row.email_hash === item.newCustomer.emailHash,
    );
    if (match) joined.push({ key, item, customerId: match.id });
  }
  if (joined.length === 0) return;
  await tx
    .insertInto('customer_identities')
    .values(
      joined.map(({ item, customerId }) => ({
        workspace_id: item.message.workspaceId,
        customer_id: customerId,
        channel: item.identity.channel,
        external_id: item.identity.externalId,
        display: item.identity.display,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  for (const { key, customerId } of joined) customers.set(key, customerId);
}
