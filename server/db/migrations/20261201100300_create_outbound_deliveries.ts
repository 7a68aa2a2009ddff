import { type Kysely, sql } from 'kysely';

/**
 * The outbox: one row per reply to deliver through a channel account, written in the reply's transaction.
 * Workers claim due rows with FOR UPDATE SKIP LOCKED; a claim sets next_attempt_at to its expiry, so a worker that
 * died mid-send is retried by any process once the claim lapses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE outbound_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      message_id uuid NOT NULL REFERENCES ticket_messages(id) ON DELETE CASCADE,
      channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
      conversation_id uuid NOT NULL REFERENCES channel_conversations(id) ON DELETE CASCADE,
      idempotency_key text NOT NULL UNIQUE,
      state text NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      platform_message_id text,
      error_code text,
      error_message text,
      dead_lettered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX outbound_deliveries_due_idx ON outbound_deliveries (next_attempt_at) WHERE state IN ('queued', 'sending')`.execute(
    db,
  );
  await sql`CREATE INDEX outbound_deliveries_conversation_idx ON outbound_deliveries (conversation_id, created_at, id) WHERE state IN ('queued', 'sending')`.execute(
    db,
  );
  await sql`CREATE INDEX outbound_deliveries_message_idx ON outbound_deliveries (workspace_id, message_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE outbound_deliveries`.execute(db);
}
