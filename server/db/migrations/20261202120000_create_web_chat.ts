import { type Kysely, sql } from 'kysely';

/**
 * Web chat (seed 002): the widget's settings per workspace, the visitors it talks to, one chat session per web-chat
 * ticket (waiting → active on pick-up → ended), and the satisfaction rating given at the end.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE web_chat_settings (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
      -- Public: it is in the host page's <script> tag; it names the workspace, it does not authorise anything.
      widget_key text NOT NULL UNIQUE,
      enabled boolean NOT NULL DEFAULT true,
      channel_account_id uuid NOT NULL REFERENCES channel_accounts(id),
      welcome jsonb NOT NULL,
      greeting jsonb NOT NULL,
      pre_chat jsonb NOT NULL,
      rating_scale text NOT NULL DEFAULT 'three' CHECK (rating_scale IN ('three', 'five')),
      calendar_id uuid REFERENCES calendars(id) ON DELETE SET NULL,
      allowed_origins text[] NOT NULL DEFAULT '{}',
      identity_secret_ciphertext text,
      identity_secret_hint text,
      upload_max_bytes integer NOT NULL DEFAULT 10485760,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE web_chat_visitors (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      -- Who the visitor is on the widget channel, which is also their conversation's id there: visitor:<id>, or
      -- user:<id> / email:<hash> for a signed-in user, whose devices then share one conversation.
      ref text NOT NULL,
      conversation_id uuid REFERENCES channel_conversations(id) ON DELETE SET NULL,
      customer_id uuid REFERENCES customers(id) ON DELETE SET NULL,
      identified boolean NOT NULL DEFAULT false,
      -- A signed-in user's name and e-mail as the host site vouched for them (the e-mail sealed): the customer is
      -- recognised by them across channels when the first message arrives.
      display_name text NOT NULL DEFAULT '',
      email_ciphertext text,
      locale text NOT NULL DEFAULT 'zh-CN',
      user_agent text NOT NULL DEFAULT '',
      current_page jsonb,
      pages_seen jsonb NOT NULL DEFAULT '[]',
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // A signed-in user's other device finds their conversation by ref.
  await sql`CREATE INDEX web_chat_visitors_ref ON web_chat_visitors (workspace_id, ref)`.execute(db);
  await sql`CREATE INDEX web_chat_visitors_conversation ON web_chat_visitors (workspace_id, conversation_id)`.execute(
    db,
  );
  await sql`
    CREATE TABLE web_chat_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      visitor_id uuid REFERENCES web_chat_visitors(id) ON DELETE SET NULL,
      conversation_id uuid NOT NULL REFERENCES channel_conversations(id) ON DELETE CASCADE,
      state text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'active', 'ended')),
      picked_up_by uuid REFERENCES users(id),
      picked_up_at timestamptz,
      ended_at timestamptz,
      ended_by text CHECK (ended_by IN ('agent', 'visitor')),
      agent_read_at timestamptz,
      visitor_read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, ticket_id)
    )`.execute(db);
  await sql`CREATE INDEX web_chat_sessions_open ON web_chat_sessions (workspace_id, state) WHERE state <> 'ended'`.execute(
    db,
  );
  await sql`CREATE INDEX web_chat_sessions_conversation ON web_chat_sessions (workspace_id, conversation_id)`.execute(
    db,
  );
  await sql`
    CREATE TABLE satisfaction_ratings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      customer_id uuid REFERENCES customers(id) ON DELETE SET NULL,
      channel text NOT NULL,
      scale text NOT NULL CHECK (scale IN ('three', 'five')),
      score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
      comment text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, ticket_id)
    )`.execute(db);
  await sql`
    CREATE TABLE quick_replies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      title text NOT NULL,
      body text NOT NULL,
      shortcut text,
      position integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX quick_replies_workspace ON quick_replies (workspace_id, position)`.execute(db);
  await sql`
    CREATE TABLE ticket_lookup_attempts (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      -- A keyed hash of what is counted (a ticket number, a client address): never the value itself.
      key_hash text NOT NULL,
      window_start timestamptz NOT NULL,
      failures integer NOT NULL DEFAULT 0,
      PRIMARY KEY (workspace_id, key_hash)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE ticket_lookup_attempts`.execute(db);
  await sql`DROP TABLE quick_replies`.execute(db);
  await sql`DROP TABLE satisfaction_ratings`.execute(db);
  await sql`DROP TABLE web_chat_sessions`.execute(db);
  await sql`DROP TABLE web_chat_visitors`.execute(db);
  await sql`DROP TABLE web_chat_settings`.execute(db);
}
