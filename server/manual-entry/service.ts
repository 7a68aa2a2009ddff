/**
 * A request received in person or through a channel Kefu has no adapter for, registered by an agent. It goes
 * through the same intake pipeline as every channel's messages (masking, numbering, classification, routing, SLA),
 * from the workspace's `manual` channel account. What only a registration does happens around it: the customer is
 * found by phone number or e-mail however they were written (as a call from that number finds them), and the
 * source and who registered it go on the ticket's timeline.
 */
import type { Principal } from '@server/auth/principal';
import { findCustomerByPhone, phoneLookup } from '@server/customers/find-by-phone';
import { identityLookupValues, storedIdentity } from '@server/customers/personal-fields';
import { createCustomer, updateCustomer } from '@server/customers/service';
import type { Database } from '@server/db/schema';
import { HttpProblem } from '@server/http/problem';
import type { InboundMessage } from '@server/intake/inbound-message';
import type { IntakePipeline } from '@server/intake/pipeline';
import type { PersonalDataVault } from '@server/privacy/vault';
import { type Kysely, sql } from 'kysely';
import { ensureManualChannel } from './channel';
import { recordRegistration } from './registration-event';
import { type RegisteredRequest, type RegisterRequestBody, SOURCE_CHANNEL } from './schema';

interface RegisterOptions {
  actor: Principal;
  entry: RegisterRequestBody;
  vault: PersonalDataVault;
  intake: IntakePipeline;
}

// A double click reaches this process twice before the first registration is committed: the second waits for the
// first instead of creating the customer again. Redeliveries after the commit are answered from the receipt.
const inFlight = new Map<string, Promise<RegisteredRequest>>();

/** Registers one request; a repeated idempotency key is answered with the first registration and changes nothing. */
export function registerRequest(db: Kysely<Database>, options: RegisterOptions): Promise<RegisteredRequest> {
  const key = `${options.actor.workspaceId}\u0000${options.entry.idempotencyKey}`;
  const running = inFlight.get(key);
  if (running) return running.then((first) => ({ ...first, status: 'duplicate' }));
  const registering = register(db, options).finally(() => inFlight.delete(key));
  inFlight.set(key, registering);
  return registering;
}

async function register(db: Kysely<Database>, options: RegisterOptions): Promise<RegisteredRequest> {
  const { actor, entry, vault } = options;
  const { workspaceId } = actor;
  const accountId = await ensureManualChannel(db, workspaceId);
  const earlier = await earlierRegistration(db, { workspaceId, accountId, key: entry.idempotencyKey });
  if (earlier) {
    // Heals a registration whose timeline entry was not written (the process stopped in between).
    await recordRegistration(db, {
      actor,
      entry,
      vault,
      ticketId: earlier.ticketId,
      messageId: earlier.messageId,
    });
    return { ...earlier, status: 'duplicate' };
  }

  const platform = SOURCE_CHANNEL[entry.source];
  const phone = entry.customer.phone ? await phoneLookup(vault, workspaceId, entry.customer.phone) : null;
  const customer = await customerOf(db, { workspaceId, vault, entry, phone });
  // The phone channel's identity is the number itself (hashed, as calls look it up); elsewhere the customer is
  // named by Kefu's own id, never by a phone number or address stored in the clear.
  const senderId = platform === 'phone' && phone ? phone.number : `customer:${customer.id}`;
  await linkIdentity(db, { workspaceId, vault, customer, channel: platform, externalId: senderId });

  const message: InboundMessage = {
    workspaceId,
    channelAccountId: accountId,
    platform,
    externalId: entry.idempotencyKey,
    // Every registration is a request of its own: its own conversation, so its own ticket.
    conversationId: `entry:${entry.idempotencyKey}`,
    sender: {
      id: senderId,
      ...(entry.customer.name ? { name: entry.customer.name } : {}),
      ...(phone ? { phone: phone.number } : {}),
      ...(entry.customer.email ? { email: entry.customer.email } : {}),
    },
    text: withOrderNumber(entry.text, entry.orderNumber),
    attachments: [],
    sentAt: entry.receivedAt ? new Date(entry.receivedAt) : null,
  };
  const [result] = await options.intake.accept([message]);
  if (!result) throw new Error('intake returned no result');
  // Routing may have merged the new ticket into an open one it repeats: the message is where it lives now.
  const placed = await ticketOfMessage(db, workspaceId, result.messageId);
  await recordRegistration(db, {
    actor,
    entry,
    vault,
    ticketId: placed.ticketId,
    messageId: result.messageId,
  });
  return { status: result.status, messageId: result.messageId, ...placed };
}

/** The order number goes with the text, where routing, search and the ticket's order numbers read it. */
function withOrderNumber(text: string, orderNumber: string | undefined): string {
  return orderNumber && !text.includes(orderNumber) ? `${text}\n订单号：${orderNumber}` : text;
}

async function earlierRegistration(
  db: Kysely<Database>,
  options: { workspaceId: string; accountId: string; key: string },
) {
  const receipt = await db
    .selectFrom('inbound_receipts')
    .select('message_id')
    .where('workspace_id', '=', options.workspaceId)
    .where('channel_account_id', '=', options.accountId)
    .where('external_id', '=', options.key)
    .executeTakeFirst();
  if (!receipt) return null;
  return {
    messageId: receipt.message_id,
    ...(await ticketOfMessage(db, options.workspaceId, receipt.message_id)),
  };
}

async function ticketOfMessage(db: Kysely<Database>, workspaceId: string, messageId: string) {
  const row = await db
    .selectFrom('ticket_messages as m')
    .innerJoin('tickets as t', (join) =>
      join.onRef('t.id', '=', 'm.ticket_id').onRef('t.workspace_id', '=', 'm.workspace_id'),
    )
    .select(['t.id', 't.number', 't.customer_id'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.id', '=', messageId)
    .executeTakeFirstOrThrow();
  return { ticketId: row.id, ticketNumber: row.number, customerId: row.customer_id };
}

interface KnownCustomer {
  id: string;
  number: string;
}

/** The customer with this phone number, else with this e-mail, else a new one with what the agent was told. */
async function customerOf(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    vault: PersonalDataVault;
    entry: RegisterRequestBody;
    phone: { number: string; hash: string } | null;
  },
): Promise<KnownCustomer> {
  const { workspaceId, vault, phone } = options;
  const { name, email } = options.entry.customer;
  const known =
    (phone
      ? await findCustomerByPhone(db, { workspaceId, vault, number: phone.number, numberHash: phone.hash })
      : null) ?? (email ? await findCustomerByEmail(db, { workspaceId, vault, email }) : null);
  if (known) {
    const row = await db
      .selectFrom('customers')
      .select(['id', 'number', 'name', 'phone', 'email'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', known)
      .executeTakeFirstOrThrow();
    // What the profile lacks and the customer just told is filled in; nothing the team recorded is overwritten.
    const blanks = {
      ...(name && !row.name ? { name } : {}),
      ...(phone && !row.phone ? { phone: phone.number } : {}),
      ...(email && !row.email ? { email } : {}),
    };
    if (Object.keys(blanks).length > 0) {
      await updateCustomer(db, { workspaceId, customerId: row.id, changes: blanks, vault }).catch(
        // An agent editing the profile at this very moment wins; the request is registered all the same.
        (error: unknown) => {
          if (!(error instanceof HttpProblem && error.code === 'customer_changed')) throw error;
        },
      );
    }
    return { id: row.id, number: row.number };
  }
  const created = await createCustomer(db, {
    workspaceId,
    fields: {
      name: name ?? '',
      nickname: '',
      company: '',
      tags: [],
      attributes: {},
      notes: '',
      // Written one way whatever the agent typed, as calls write it: masks read alike (010******78).
      phone: phone?.number ?? null,
      email: email ?? null,
    },
    identities: [],
    vault,
  });
  return { id: created.id, number: created.number };
}

async function findCustomerByEmail(
  db: Kysely<Database>,
  options: { workspaceId: string; vault: PersonalDataVault; email: string },
): Promise<string | null> {
  const { workspaceId, vault, email } = options;
  const [hash, identityValues] = await Promise.all([
    vault.lookupHash(workspaceId, 'email', email),
    identityLookupValues(vault, workspaceId, 'email', email),
  ]);
  const row = await db
    .selectFrom('customers')
    .select(['id', 'merged_into_id'])
    .where('workspace_id', '=', workspaceId)
    .where('erased_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('email_hash', '=', hash),
        eb('id', 'in', (sub) =>
          sub
            .selectFrom('customer_identities')
            .select('customer_id')
            .where('workspace_id', '=', workspaceId)
            .where('channel', '=', 'email')
            .where('external_id', 'in', identityValues),
        ),
      ]),
    )
    .orderBy(sql`merged_into_id IS NULL`, 'desc')
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return row ? (row.merged_into_id ?? row.id) : null;
}

/**
 * Gives the customer the identity the pipeline will look the registration up by, unless someone has it already:
 * the pipeline finds customers by channel identity only, and this one was found by number or e-mail.
 */
async function linkIdentity(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    vault: PersonalDataVault;
    customer: KnownCustomer;
    channel: string;
    externalId: string;
  },
): Promise<void> {
  const { workspaceId, vault, customer } = options;
  const stored = await storedIdentity(vault, workspaceId, {
    channel: options.channel,
    externalId: options.externalId,
  });
  const taken = await db
    .selectFrom('customer_identities')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('channel', '=', stored.channel)
    .where('external_id', '=', stored.externalId)
    .executeTakeFirst();
  if (taken) return;
  await db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('customer_identities')
      .values({
        workspace_id: workspaceId,
        customer_id: customer.id,
        channel: stored.channel,
        external_id: stored.externalId,
        // A hashed number shows masked; Kefu's own reference shows as the customer's number.
        display: stored.span ? stored.display : customer.number,
      })
      .onConflict((conflict) => conflict.columns(['workspace_id', 'channel', 'external_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted && stored.span) {
      await vault.storeSpans(
        tx,
        { workspaceId, ownerType: 'identity', ownerId: inserted.id, ticketId: null, customerId: customer.id },
        [stored.span],
      );
    }
  });
}
