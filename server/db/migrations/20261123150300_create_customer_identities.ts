import { type Kysely, sql } from 'kysely';

/** How a customer is known on each channel: WeChat openid, platform buyer id, e-mail, phone… */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE customer_identities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      channel text NOT NULL,
      external_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, channel, external_id)
    )`.execute(db);
  await sql`CREATE INDEX customer_identities_customer_idx ON customer_identities (workspace_id, customer_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE customer_identities`.execute(db);
}
