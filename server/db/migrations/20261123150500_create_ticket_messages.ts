import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ticket_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      direction text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'note')),
      channel text NOT NULL,
      author_user_id uuid REFERENCES users(id),
      customer_id uuid REFERENCES customers(id),
      body text NOT NULL,
      delivery_status text NOT NULL CHECK (delivery_status IN ('received', 'pending', 'sent', 'delivered', 'failed', 'internal')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX ticket_messages_thread_idx ON ticket_messages (workspace_id, ticket_id, created_at, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE ticket_messages`.execute(db);
}
