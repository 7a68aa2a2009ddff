import { type Kysely, sql } from 'kysely';

/**
 * A platform conversation (chat session, thread, sender): its current ticket, and where replies go. The platform's
 * id is kept as a keyed hash for lookups and encrypted for delivery, since it may be a phone number or an e-mail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE channel_conversations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
      external_key text NOT NULL,
      reply_address_ciphertext text NOT NULL,
      customer_id uuid REFERENCES customers(id),
      ticket_id uuid REFERENCES tickets(id) ON DELETE SET NULL,
      last_inbound_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (channel_account_id, external_key)
    )`.execute(db);
  await sql`CREATE INDEX channel_conversations_workspace_idx ON channel_conversations (workspace_id, channel_account_id)`.execute(
    db,
  );
  await sql`ALTER TABLE tickets ADD COLUMN conversation_id uuid REFERENCES channel_conversations(id) ON DELETE SET NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE tickets DROP COLUMN conversation_id`.execute(db);
  await sql`DROP TABLE channel_conversations`.execute(db);
}
