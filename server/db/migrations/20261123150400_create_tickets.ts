import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tickets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      number text NOT NULL,
      subject text NOT NULL,
      description text NOT NULL DEFAULT '',
      channel text NOT NULL,
      type text,
      subtype text,
      priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('urgent', 'important', 'normal')),
      priority_rank smallint GENERATED ALWAYS AS (
        CASE priority WHEN 'urgent' THEN 0 WHEN 'important' THEN 1 ELSE 2 END) STORED,
      status text NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'open', 'pending_customer', 'pending_internal', 'resolved', 'closed')),
      customer_id uuid REFERENCES customers(id),
      assignee_id uuid REFERENCES users(id),
      team_id uuid REFERENCES departments(id) ON DELETE SET NULL,
      collaborator_ids uuid[] NOT NULL DEFAULT '{}',
      needs_collaboration boolean NOT NULL DEFAULT false,
      collaboration_department_ids uuid[] NOT NULL DEFAULT '{}',
      tags text[] NOT NULL DEFAULT '{}',
      custom_fields jsonb NOT NULL DEFAULT '{}'::jsonb,
      order_numbers text[] NOT NULL DEFAULT '{}',
      product_model text,
      version integer NOT NULL DEFAULT 1,
      merged_into_id uuid REFERENCES tickets(id),
      -- jieba tokens of the subject, description, product model and every message of the thread: one document
      -- per ticket, so that a search is one GIN lookup that can also be walked in recency order.
      search_tokens text NOT NULL DEFAULT '',
      search_vector tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(search_tokens, ' '))) STORED,
      received_at timestamptz NOT NULL DEFAULT now(),
      last_activity_at timestamptz NOT NULL DEFAULT now(),
      first_response_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, number)
    )`.execute(db);
  // The inbox: open work (not closed, not merged away) by recency, per workspace, assignee, team and priority.
  const open = sql.raw("WHERE status <> 'closed' AND merged_into_id IS NULL");
  await sql`CREATE INDEX tickets_open_idx ON tickets (workspace_id, last_activity_at DESC, id DESC) ${open}`.execute(
    db,
  );
  await sql`CREATE INDEX tickets_open_assignee_idx ON tickets (workspace_id, assignee_id, last_activity_at DESC, id DESC) ${open}`.execute(
    db,
  );
  await sql`CREATE INDEX tickets_open_team_idx ON tickets (workspace_id, team_id, last_activity_at DESC, id DESC) ${open}`.execute(
    db,
  );
  await sql`CREATE INDEX tickets_open_priority_idx ON tickets (workspace_id, priority_rank, last_activity_at DESC, id DESC) ${open}`.execute(
    db,
  );
  // Every ticket by recency: searches walk it to find the newest matches of common words without reading them all.
  await sql`CREATE INDEX tickets_activity_idx ON tickets (workspace_id, last_activity_at DESC, id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX tickets_status_idx ON tickets (workspace_id, status, last_activity_at DESC, id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX tickets_created_idx ON tickets (workspace_id, created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX tickets_customer_idx ON tickets (workspace_id, customer_id, created_at DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX tickets_order_numbers_idx ON tickets USING gin (order_numbers)`.execute(db);
  await sql`CREATE INDEX tickets_search_idx ON tickets USING gin (search_vector)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE tickets`.execute(db);
}
