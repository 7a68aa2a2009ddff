import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE customers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      number text NOT NULL,
      name text NOT NULL DEFAULT '',
      nickname text NOT NULL DEFAULT '',
      phone text,
      phone_last4 text GENERATED ALWAYS AS (right(regexp_replace(phone, '\\D', '', 'g'), 4)) STORED,
      email text,
      company text NOT NULL DEFAULT '',
      tags text[] NOT NULL DEFAULT '{}',
      attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
      notes text NOT NULL DEFAULT '',
      merged_into_id uuid REFERENCES customers(id),
      search_tokens text NOT NULL DEFAULT '',
      search_vector tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(search_tokens, ' '))) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, number)
    )`.execute(db);
  await sql`CREATE INDEX customers_phone_idx ON customers (workspace_id, phone_last4)`.execute(db);
  await sql`CREATE INDEX customers_name_trgm_idx ON customers USING gin ((name || ' ' || nickname) gin_trgm_ops)`.execute(
    db,
  );
  await sql`CREATE INDEX customers_phone_trgm_idx ON customers USING gin (phone gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX customers_search_idx ON customers USING gin (search_vector)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE customers`.execute(db);
}
