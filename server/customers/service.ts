import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import { isUniqueViolation } from '@server/db/errors';
import type { Database } from '@server/db/schema';
import { conflict, notFound, unprocessable } from '@server/http/problem';
import type { PersonalDataVault, SealedSpan } from '@server/privacy/vault';
import { allocateDailySerial, formatDailyNumber } from '@server/tickets/numbering';
import { type Kysely, sql } from 'kysely';
import { maskProfileChanges, storedIdentity } from './personal-fields';
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

/** An identity as it will be stored (see personal-fields.ts). */
export interface StoredIdentity extends Identity {
  display: string;
  span: SealedSpan | null;
}

export const storedIdentities = (vault: PersonalDataVault, workspaceId: string, identities: Identity[]) =>
  Promise.all(identities.map((identity) => storedIdentity(vault, workspaceId, identity)));

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
  options: { workspaceId: string; fields: CustomerFields; identities: Identity[]; vault: PersonalDataVault },
): Promise<CustomerWithIdentities> {
  const { vault, workspaceId } = options;
  const timeZone = await workspaceTimeZone(db, workspaceId);
  // Masking and sealing before the transaction: it queries keys, and transactions serialise on the embedded engine.
  const profile = await maskProfileChanges(vault, workspaceId, options.fields, null);
  const identities = await storedIdentities(vault, workspaceId, options.identities);
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
      const stored = {
        name: fields.name,
        nickname: profile.columns.nickname ?? '',
        company: profile.columns.company ?? '',
        email: profile.columns.email ?? null,
      };
      const row = await tx
        .insertInto('customers')
        .values({
          workspace_id: workspaceId,
          number,
          ...stored,
          phone: profile.columns.phone ?? null,
          phone_hash: profile.columns.phone_hash ?? null,
          email_hash: profile.columns.email_hash ?? null,
          tags: fields.tags,
          attributes: JSON.stringify(profile.columns.attributes ?? {}),
          notes: profile.columns.notes ?? '',
          search_tokens: customerSearchTokens({ ...stored, number }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await vault.storeSpans(
        tx,
        { workspaceId, ownerType: 'customer', ownerId: row.id, customerId: row.id },
        profile.spans,
      );
      await addIdentities(tx, { workspaceId, customerId: row.id, identities, vault });
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
  options: {
    workspaceId: string;
    customerId: string;
    identities: StoredIdentity[];
    vault: PersonalDataVault;
  },
): Promise<void> {
  if (options.identities.length === 0) return;
  const inserted = await tx
    .insertInto('customer_identities')
    .values(
      options.identities.map((identity) => ({
        workspace_id: options.workspaceId,
        customer_id: options.customerId,
        channel: identity.channel,
        external_id: identity.externalId,
        display: identity.display,
      })),
    )
    .onConflict((onConflict) => onConflict.columns(['workspace_id', 'channel', 'external_id']).doNothing())
    .returning(['id', 'channel', 'external_id'])
    .execute();
  for (const row of inserted) {
    const span = options.identities.find(
      (identity) => identity.channel === row.channel && identity.externalId === row.external_id,
    )?.span;
    if (span) {
      await options.vault.storeSpans(
        tx,
        {
          workspaceId: options.workspaceId,
          ownerType: 'identity',
          ownerId: row.id,
          customerId: options.customerId,
        },
        [span],
      );
    }
  }
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

/** The customer's own row (no identities or spans), locked until the transaction ends when asked. */
async function customerRow(
  db: Kysely<Database>,
  options: { workspaceId: string; customerId: string; lock?: boolean },
) {
  let query = db
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.customerId);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Customer');
  return row;
}

export async function updateCustomer(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    customerId: string;
    changes: Partial<CustomerFields> & { addIdentities?: Identity[] };
    vault: PersonalDataVault;
  },
): Promise<CustomerWithIdentities> {
  const { changes, workspaceId, customerId, vault } = options;
  const before = await customerRow(db, { workspaceId, customerId });
  const owner = { workspaceId, ownerType: 'customer' as const, ownerId: customerId, customerId };
  const previousSpans = await vault.spansOf(db, owner);
  const profile = await maskProfileChanges(vault, workspaceId, changes, {
    profile: before,
    spans: previousSpans,
  });
  const identities = await storedIdentities(vault, workspaceId, changes.addIdentities ?? []);
  await db
    .transaction()
    .execute(async (tx) => {
      // Locked: a concurrent edit waits, then sees the changed updated_at and is refused.
      const current = await customerRow(tx, { workspaceId, customerId, lock: true });
      if (current.updated_at.getTime() !== before.updated_at.getTime())
        throw conflict(
          'customer_changed',
          'Someone else changed this customer just now; reload and try again',
        );
      const merged = { ...current, ...profile.columns, name: changes.name ?? current.name };
      await tx
        .updateTable('customers')
        .set({
          ...profile.columns,
          attributes: JSON.stringify(profile.columns.attributes ?? current.attributes),
          name: merged.name,
          tags: changes.tags ?? current.tags,
          search_tokens: customerSearchTokens(merged),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', customerId)
        .where('workspace_id', '=', workspaceId)
        .execute();
      await vault.replaceSpans(tx, owner, profile.fields, profile.spans);
      await addIdentities(tx, { workspaceId, customerId, identities, vault });
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
  // Both rows locked, in id order so that two opposite merges cannot deadlock: an edit landing mid-merge would
  // otherwise shift the notes under the spans this merge moves.
  const locked = new Map<string, Awaited<ReturnType<typeof customerRow>>>();
  for (const customerId of [options.targetCustomerId, options.sourceCustomerId].sort())
    locked.set(customerId, await customerRow(tx, { workspaceId, customerId, lock: true }));
  const target = locked.get(options.targetCustomerId);
  const source = locked.get(options.sourceCustomerId);
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
  // Originals follow what moved: identity and ticket spans wholesale, profile spans for each field the source
  // fills in on the survivor (notes shift by the survivor's notes that now come first).
  await tx
    .updateTable('pii_spans')
    .set({ customer_id: target.id })
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', source.id)
    .where('owner_type', '!=', 'customer')
    .execute();
  const takenFromSource = (field: 'nickname' | 'company' | 'phone' | 'email') =>
    !target[field] && Boolean(source[field]);
  const movedFields = (['nickname', 'company', 'phone', 'email'] as const).filter(takenFromSource);
  const movedAttributes = Object.keys(source.attributes)
    .filter((key) => !(key in target.attributes))
    .map((key) => `attributes.${key}`);
  const moveSpans = (fields: string[], shift = 0) =>
    fields.length === 0
      ? undefined
      : tx
          .updateTable('pii_spans')
          .set((eb) => ({
            owner_id: target.id,
            customer_id: target.id,
            start_offset: eb('start_offset', '+', shift),
            end_offset: eb('end_offset', '+', shift),
          }))
          .where('workspace_id', '=', workspaceId)
          .where('owner_type', '=', 'customer')
          .where('owner_id', '=', source.id)
          .where('field', 'in', fields)
          .execute();
  await moveSpans([...movedFields, ...movedAttributes]);
  if (source.notes) await moveSpans(['notes'], target.notes ? target.notes.length + 2 : 0);

  const filled = {
    name: target.name || source.name,
    nickname: target.nickname || source.nickname,
    phone: target.phone ?? source.phone,
    phone_hash: target.phone ? target.phone_hash : source.phone_hash,
    email: target.email ?? source.email,
    email_hash: target.email ? target.email_hash : source.email_hash,
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
