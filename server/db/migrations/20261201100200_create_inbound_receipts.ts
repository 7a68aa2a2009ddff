import { type Kysely, sql } from 'kysely';

/**
 * One row per platform message accepted: the dedupe key (channel account, external id). A redelivery finds its
 * row and is answered with the first result. The message id is allocated before the row is written, so the
 * foreign key is checked at commit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE inbound_receipts (
      channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
      external_id text NOT NULL,
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      message_id uuid NOT NULL REFERENCES ticket_messages(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (channel_account_id, external_id)
    )`.execute(db);
  await sql`CREATE INDEX inbound_receipts_message_idx ON inbound_receipts (message_id)`.execute(db);
  await sql`ALTER TABLE ticket_messages ADD COLUMN channel_account_id uuid REFERENCES channel_accounts(id) ON DELETE SET NULL`.execute(
    db,
  );
  await sql`ALTER TABLE ticket_messages ADD COLUMN sent_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE ticket_messages DROP COLUMN sent_at`.execute(db);
  await sql`ALTER TABLE ticket_messages DROP COLUMN channel_account_id`.execute(db);
  await sql`DROP TABLE inbound_receipts`.execute(db);
}
