import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import { isUniqueViolation } from '@server/db/errors';
import type { Database } from '@server/db/schema';
import { conflict, notFound, unprocessable } from '@server/http/problem';
import { allocateDailySerial, formatDailyNumber } from '@server/tickets/numbering';
import { type Kysely, sql } from 'kysely';
import { type CustomerWithIdentities, customerSearchTokens, loadCustomer } from './repo';

export interface CustomerFields {
  name: string;
  nickname: string;
  phone?: string | null;
  email?: string | null;
  company: string;
  tags: string[];
  attributes: Record<string, string>;
  notes: string;
}

export interface Identity {
  channel: string;
  externalId: string;
}

const identityTaken = (error: unknown): never => {
  if (isUniqueViolation(error)) {
    throw conflict(
      'identity_taken',
      'This channel identity already belongs to another customer; merge the two instead',
    );
  }
  throw error;
};

async function workspaceTimeZone(db: Kysely<Database>, workspaceId: string): Promise<string> {
  const row = await db
    .selectFrom('workspaces')
    .select('time_zone')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) throw notFound('Workspace');
  return row.time_zone;
}

/** Creates a customer numbered CUS + date + serial (seed 003) with its channel identities, in one transaction. */
export async function createCustomer(
  db: Kysely<Database>,
  options: { workspaceId: string; fields: CustomerFields; identities: Identity[] },
): Promise<CustomerWithIdentities> {
  const timeZone = await workspaceTimeZone(db, options.workspaceId);
  const id = await db
    .transaction()
    .execute(async (tx) => {
      const { day, serial } = await allocateDailySerial(tx, {
        workspaceId: options.workspaceId,
        scope: 'customer',
        timeZone,
        at: new Date(),
      });
      const number = formatDailyNumber(day, serial, 'CUS');
      const { fields } = options;
      const row = await tx
        .insertInto('customers')
        .values({
          workspace_id: options.workspaceId,
          number,
          name: fields.name,
          nickname: fields.nickname,
          phone: fields.phone ?? null,
          email: fields.email?.toLowerCase() ?? null,
          company: fields.company,
          tags: fields.tags,
          attributes: JSON.stringify(fields.attributes),
          notes: fields.notes,
          search_tokens: customerSearchTokens({ ...fields, email: fields.email ?? null, number }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await addIdentities(tx, {
        workspaceId: options.workspaceId,
        customerId: row.id,
        identities: options.identities,
      });
      return row.id;
    })
    .catch(identityTaken);
  return (await loadCustomer(db, {
    workspaceId: options.workspaceId,
    customerId: id,
  })) as CustomerWithIdentities;
}

/** Attaches channel identities; one already held by another customer is a 409 (merge the two instead). */
export async function addIdentities(
  tx: Kysely<Database>,
  options: { workspaceId: string; customerId: string; identities: Identity[] },
): Promise<void> {
  if (options.identities.length === 0) return;
  await tx
    .insertInto('customer_identities')
    .values(
      options.identities.map((identity) => ({
        workspace_id: options.workspaceId,
        customer_id: options.customerId,
        channel: identity.channel,
        external_id: identity.externalId,
      })),
    )
    .onConflict((onConflict) => onConflict.columns(['workspace_id', 'channel', 'external_id']).doNothing())
    .execute();
  const heldElsewhere = await tx
    .selectFrom('customer_identities')
    .select('id')
    .where('workspace_id', '=', options.workspaceId)
    .where('customer_id', '!=', options.customerId)
    .where((eb) =>
      eb.or(
        options.identities.map((i) =>
          eb.and([eb('channel', '=', i.channel), eb('external_id', '=', i.externalId)]),
        ),
      ),
    )
    .executeTakeFirst();
  if (heldElsewhere) identityTaken({ code: '23505' });
}

export async function updateCustomer(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    customerId: string;
    changes: Partial<CustomerFields> & { addIdentities?: Identity[] };
  },
): Promise<CustomerWithIdentities> {
  const { changes, workspaceId, customerId } = options;
  await db
    .transaction()
    .execute(async (tx) => {
      const current = await loadCustomer(tx, { workspaceId, customerId });
      if (!current) throw notFound('Customer');
      const merged = {
        ...current,
        ...changes,
        email: changes.email === undefined ? current.email : (changes.email?.toLowerCase() ?? null),
      };
      await tx
        .updateTable('customers')
        .set({
          name: merged.name,
          nickname: merged.nickname,
          phone: merged.phone ?? null,
          email: merged.email,
          company: merged.company,
          tags: merged.tags,
          attributes: JSON.stringify(merged.attributes),
          notes: merged.notes,
          search_tokens: customerSearchTokens(merged),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', customerId)
        .where('workspace_id', '=', workspaceId)
        .execute();
      await addIdentities(tx, { workspaceId, customerId, identities: changes.addIdentities ?? [] });
    })
    .catch(identityTaken);
  return (await loadCustomer(db, { workspaceId, customerId })) as CustomerWithIdentities;
}

/**
 * Folds a duplicate customer into the surviving one: identities, tickets and messages move; empty profile fields
 * are filled from the duplicate; the duplicate stays as a pointer to the survivor, and the merge is audited.
 */
export async function mergeCustomers(
  tx: Kysely<Database>,
  options: { actor: Principal; ip: string | null; targetCustomerId: string; sourceCustomerId: string },
): Promise<void> {
  const { workspaceId } = options.actor;
  if (options.targetCustomerId === options.sourceCustomerId) {
    throw unprocessable('merge_into_itself', 'A customer cannot be merged into itself', [
      { path: 'body/sourceCustomerId', message: 'Pick another customer' },
    ]);
  }
  const [target, source] = await Promise.all([
    loadCustomer(tx, { workspaceId, customerId: options.targetCustomerId }),
    loadCustomer(tx, { workspaceId, customerId: options.sourceCustomerId }),
  ]);
  if (!target || !source) throw notFound('Customer');
  if (target.merged_into_id || source.merged_into_id)
    throw conflict('already_merged', 'One of these customers was already merged');

  await tx
    .updateTable('customer_identities')
    .set({ customer_id: target.id })
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', source.id)
    .execute();
  await tx
    .updateTable('tickets')
    .set({ customer_id: target.id })
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', source.id)
    .execute();
  await tx
    .updateTable('ticket_messages')
    .set({ customer_id: target.id })
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', source.id)
    .execute();
  const filled = {
    name: target.name || source.name,
    nickname: target.nickname || source.nickname,
    phone: target.phone ?? source.phone,
    email: target.email ?? source.email,
    company: target.company || source.company,
    number: target.number,
  };
  await tx
    .updateTable('customers')
    .set({
      ...filled,
      tags: [...new Set([...target.tags, ...source.tags])],
      attributes: JSON.stringify({ ...source.attributes, ...target.attributes }),
      notes: [target.notes, source.notes].filter(Boolean).join('\n\n'),
      search_tokens: customerSearchTokens(filled),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', target.id)
    .where('workspace_id', '=', workspaceId)
    .execute();
  await tx
    .updateTable('customers')
    .set({ merged_into_id: target.id, updated_at: sql<Date>`now()` })
    .where('id', '=', source.id)
    .where('workspace_id', '=', workspaceId)
    .execute();
  await recordAudit(tx, {
    workspaceId,
    actorUserId: options.actor.userId,
    action: 'customer.merged',
    targetType: 'customer',
    targetId: target.id,
    detail: { mergedCustomerId: source.id, mergedNumber: source.number, survivingNumber: target.number },
    ip: options.ip,
  });
}
