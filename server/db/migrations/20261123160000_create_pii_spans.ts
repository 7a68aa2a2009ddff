import { type Kysely, sql } from 'kysely';

/**
 * The originals of masked personal data. What tickets, messages and customers hold is the masked text; each span
 * here points at one mask in one field (UTF-16 offsets into the stored, masked text) and keeps the original only
 * as AES-256-GCM ciphertext under the workspace's data key. `ticket_id` and `customer_id` are copied onto every
 * span so that an export or an erasure finds a customer's spans without walking every owner table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE pii_spans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      owner_type text NOT NULL CHECK (owner_type IN ('ticket', 'message', 'customer', 'identity', 'attachment')),
      owner_id uuid NOT NULL,
      field text NOT NULL,
      ticket_id uuid,
      customer_id uuid,
      kind text NOT NULL,
      start_offset integer NOT NULL CHECK (start_offset >= 0),
      end_offset integer NOT NULL CHECK (end_offset > start_offset),
      ciphertext text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX pii_spans_owner_idx ON pii_spans (workspace_id, owner_type, owner_id)`.execute(db);
  await sql`CREATE INDEX pii_spans_ticket_idx ON pii_spans (workspace_id, ticket_id) WHERE ticket_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX pii_spans_customer_idx ON pii_spans (workspace_id, customer_id) WHERE customer_id IS NOT NULL`.execute(
    db,
  );

  // A customer's phone and e-mail are kept masked too; an exact lookup goes through a keyed hash of the original.
  await sql`ALTER TABLE customers ADD COLUMN phone_hash text, ADD COLUMN email_hash text, ADD COLUMN erased_at timestamptz`.execute(
    db,
  );
  await sql`CREATE INDEX customers_phone_hash_idx ON customers (workspace_id, phone_hash) WHERE phone_hash IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX customers_email_hash_idx ON customers (workspace_id, email_hash) WHERE email_hash IS NOT NULL`.execute(
    db,
  );
  // Identities that are personal data themselves (a phone number, an address) are stored as a keyed hash, with
  // the masked form to show.
  await sql`ALTER TABLE customer_identities ADD COLUMN display text`.execute(db);
  await sql`UPDATE customer_identities SET display = external_id`.execute(db);
  await sql`ALTER TABLE customer_identities ALTER COLUMN display SET NOT NULL`.execute(db);

  await sql`ALTER TABLE ticket_messages ADD COLUMN anonymized_at timestamptz`.execute(db);
  await sql`ALTER TABLE tickets ADD COLUMN anonymized_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE tickets DROP COLUMN anonymized_at`.execute(db);
  await sql`ALTER TABLE ticket_messages DROP COLUMN anonymized_at`.execute(db);
  await sql`ALTER TABLE customer_identities DROP COLUMN display`.execute(db);
  await sql`ALTER TABLE customers DROP COLUMN phone_hash, DROP COLUMN email_hash, DROP COLUMN erased_at`.execute(
    db,
  );
  await sql`DROP TABLE pii_spans`.execute(db);
}
