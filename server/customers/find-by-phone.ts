/**
 * The customer a phone number belongs to, however it was written: by the keyed hash of their profile's number or
 * by a phone-like channel identity. Calls, the call-log form and requests registered by hand all find the caller
 * this one way, so that 010-12345678, (010) 1234 5678 and +86 10 1234 5678 are one customer everywhere.
 */
import type { Database } from '@server/db/schema';
import { canonicalPhone } from '@server/privacy/normalize-phone';
import type { PersonalDataVault } from '@server/privacy/vault';
import { type Kysely, sql } from 'kysely';
import { identityLookupValues, phoneKind } from './personal-fields';

/** Channels whose customer identity is a phone number, hashed the same way for every one of them. */
export const PHONE_IDENTITY_CHANNELS = ['phone', 'sms', 'whatsapp'];

/** The number as Kefu writes it and the hash profiles are looked up by. */
export async function phoneLookup(vault: PersonalDataVault, workspaceId: string, phone: string) {
  const number = canonicalPhone(phone);
  return { number, hash: await vault.lookupHash(workspaceId, phoneKind(number), number) };
}

/** The customer with this phone number or phone identity; a merged customer's number finds the survivor. */
export async function findCustomerByPhone(
  db: Kysely<Database>,
  options: { workspaceId: string; vault: PersonalDataVault; number: string; numberHash: string },
): Promise<string | null> {
  const { workspaceId } = options;
  const identityValues = await identityLookupValues(options.vault, workspaceId, 'phone', options.number);
  const row = await db
    .selectFrom('customers')
    .select(['id', 'merged_into_id'])
    .where('workspace_id', '=', workspaceId)
    .where('erased_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('phone_hash', '=', options.numberHash),
        eb('id', 'in', (sub) =>
          sub
            .selectFrom('customer_identities')
            .select('customer_id')
            .where('workspace_id', '=', workspaceId)
            .where('channel', 'in', PHONE_IDENTITY_CHANNELS)
            .where('external_id', 'in', identityValues),
        ),
      ]),
    )
    .orderBy(sql`merged_into_id IS NULL`, 'desc')
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return row ? (row.merged_into_id ?? row.id) : null;
}
