import { type Kysely, sql } from 'kysely';

/**
 * The type classifier's model, per workspace: multinomial naive Bayes counts that grow and shrink one ticket at a
 * time as agents confirm or correct (no retraining from scratch, no downloaded model). `classifier_examples`
 * remembers what each ticket taught, so that a correction takes the old lesson back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE classifier_labels (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      label text NOT NULL,
      documents integer NOT NULL DEFAULT 0,
      tokens integer NOT NULL DEFAULT 0,
      PRIMARY KEY (workspace_id, label)
    )`.execute(db);
  await sql`
    CREATE TABLE classifier_tokens (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      token text NOT NULL,
      label text NOT NULL,
      count integer NOT NULL DEFAULT 0,
      PRIMARY KEY (workspace_id, token, label)
    )`.execute(db);
  await sql`
    CREATE TABLE classifier_examples (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      label text NOT NULL,
      tokens text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, ticket_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE classifier_examples`.execute(db);
  await sql`DROP TABLE classifier_tokens`.execute(db);
  await sql`DROP TABLE classifier_labels`.execute(db);
}
