/**
 * A customer looks up their ticket with its number and a second factor only they should know: the last four
 * digits of their phone number, or their e-mail address. A wrong factor and an unknown number answer alike, and
 * cost about the same work, so the answer does not tell which numbers exist.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Database, TicketRow, WorkspaceRow } from '@server/db/schema';
import { HttpProblem, unprocessable } from '@server/http/problem';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { Kysely } from 'kysely';
import { assertNotLockedOut, attemptKeys, recordFailedLookup } from './attempts';
import { issueLookupToken } from './lookup-token';
import { presentPublicTicket } from './presenter';
import type { LookupResult } from './schema';

/** The one answer for every lookup that does not match, whatever the reason. */
export const lookupNotFound = () =>
  new HttpProblem(404, 'lookup_not_found', 'No ticket matches this number and verification');

// Merges leave a chain of at most a few hops; the loop guard only protects against a corrupt cycle.
const MAX_MERGE_HOPS = 10;

/** The workspace a lookup page belongs to: by slug, or the installation's only workspace when none is given. */
export async function resolveLookupWorkspace(
  db: Kysely<Database>,
  slug: string | undefined,
): Promise<WorkspaceRow | null> {
  if (slug) {
    return (
      (await db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst()) ?? null
    );
  }
  const rows = await db.selectFrom('workspaces').selectAll().limit(2).execute();
  return rows.length === 1 ? (rows[0] ?? null) : null;
}

/** Follows merges to the ticket the conversation lives on now. */
export async function currentTicket(
  db: Kysely<Database>,
  workspaceId: string,
  where: { number: string } | { id: string },
): Promise<TicketRow | null> {
  let query = db.selectFrom('tickets').selectAll().where('workspace_id', '=', workspaceId);
  query = 'number' in where ? query.where('number', '=', where.number) : query.where('id', '=', where.id);
  let ticket = await query.executeTakeFirst();
  for (let hop = 0; ticket?.merged_into_id && hop < MAX_MERGE_HOPS; hop++) {
    ticket = await db
      .selectFrom('tickets')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', ticket.merged_into_id)
      .executeTakeFirst();
  }
  return ticket && !ticket.merged_into_id ? ticket : null;
}

type Factor = { kind: 'phone_last4'; value: string } | { kind: 'email'; value: string };

function parseFactor(factor: string): Factor {
  if (factor.includes('@')) return { kind: 'email', value: factor.trim().toLowerCase() };
  const digits = factor.replace(/[\s-]/g, '');
  if (/^\d{4}$/.test(digits)) return { kind: 'phone_last4', value: digits };
  throw unprocessable('invalid_lookup_factor', 'Enter the last four digits of your phone or your e-mail', [
    { path: 'body/factor', message: 'Four digits or an e-mail address' },
  ]);
}

const NOBODY = '00000000-0000-0000-0000-000000000000';

// Compared as fixed-length digests: equal work whatever the lengths, and no early exit on the first difference.
const digest = (value: string) => createHash('sha256').update(value).digest();
const sameSecret = (given: string, stored: string) => timingSafeEqual(digest(given), digest(stored));

/** What the ticket's customer has on file that a factor of this kind is checked against. */
async function storedFactors(
  db: Kysely<Database>,
  ticket: TicketRow | null,
  kind: Factor['kind'],
): Promise<string[]> {
  // Without a ticket the same queries run for nobody, so an unknown number takes as long as a wrong factor.
  const workspaceId = ticket?.workspace_id ?? NOBODY;
  const customerId = ticket?.customer_id ?? NOBODY;
  const [customer, identities] = await Promise.all([
    db
      .selectFrom('customers')
      .select(['phone_last4', 'email_hash'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', customerId)
      .where('erased_at', 'is', null)
      .executeTakeFirst(),
    // The address the customer wrote from (an e-mail channel identity) counts as well as the profile's.
    kind === 'email'
      ? db
          .selectFrom('customer_identities')
          .select('external_id')
          .where('workspace_id', '=', workspaceId)
          .where('customer_id', '=', customerId)
          .where('channel', '=', 'email')
          .execute()
      : [],
  ]);
  if (!customer) return [];
  if (kind === 'phone_last4') return customer.phone_last4 ? [customer.phone_last4] : [];
  return [
    ...(customer.email_hash ? [customer.email_hash] : []),
    ...identities.map((identity) => identity.external_id.replace(/^hmac:/, '')),
  ];
}

export async function lookUpTicket(
  db: Kysely<Database>,
  options: {
    vault: PersonalDataVault;
    workspaceSlug: string | undefined;
    number: string;
    factor: string;
    /** The client's address, counted against brute force. */
    ip: string;
  },
): Promise<LookupResult> {
  const { vault } = options;
  const factor = parseFactor(options.factor);
  const workspace = await resolveLookupWorkspace(db, options.workspaceSlug);
  if (!workspace) throw lookupNotFound();
  const number = options.number.replace(/\s/g, '').toUpperCase();
  const keys = await attemptKeys(vault.keyring, workspace.id, { number, ip: options.ip });
  await assertNotLockedOut(db, workspace.id, keys);

  // Hashed before knowing whether the ticket exists, so an unknown number does not answer sooner.
  const given =
    factor.kind === 'email' ? await vault.lookupHash(workspace.id, 'email', factor.value) : factor.value;
  const ticket = await currentTicket(db, workspace.id, { number });
  const stored = await storedFactors(db, ticket, factor.kind);
  let matched = false;
  for (const candidate of stored.length > 0 ? stored : ['\u0000no-factor-on-file']) {
    if (sameSecret(given, candidate)) matched = true;
  }
  if (!ticket || !matched) {
    await recordFailedLookup(db, workspace.id, keys);
    throw lookupNotFound();
  }
  const { token, expiresAt } = await issueLookupToken(vault.keyring, {
    workspaceId: workspace.id,
    ticketId: ticket.id,
  });
  return { token, expiresAt: expiresAt.toISOString(), ticket: await presentPublicTicket(db, ticket) };
}
