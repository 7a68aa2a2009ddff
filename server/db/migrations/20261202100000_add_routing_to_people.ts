import { type Kysely, sql } from 'kysely';

/**
 * What assignment needs to know of people, teams and customers: an agent's skills, capacity and presence; a team's
 * strategy and round-robin position; a customer's tier and customer success manager (seed 003).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users
      ADD COLUMN skills text[] NOT NULL DEFAULT '{}',
      ADD COLUMN max_open_tickets integer CHECK (max_open_tickets IS NULL OR max_open_tickets >= 0),
      ADD COLUMN max_concurrent_chats integer CHECK (max_concurrent_chats IS NULL OR max_concurrent_chats >= 0),
      ADD COLUMN presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline')),
      ADD COLUMN presence_changed_at timestamptz,
      ADD COLUMN last_active_at timestamptz`.execute(db);
  await sql`
    ALTER TABLE departments
      ADD COLUMN routing_strategy text NOT NULL DEFAULT 'round_robin'
        CHECK (routing_strategy IN ('round_robin', 'least_loaded', 'manual')),
      ADD COLUMN sticky_owner boolean NOT NULL DEFAULT true,
      ADD COLUMN required_skills text[] NOT NULL DEFAULT '{}',
      ADD COLUMN last_assigned_user_id uuid REFERENCES users(id) ON DELETE SET NULL`.execute(db);
  await sql`
    ALTER TABLE customers
      ADD COLUMN tier text NOT NULL DEFAULT 'normal',
      ADD COLUMN success_manager_id uuid REFERENCES users(id) ON DELETE SET NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE customers DROP COLUMN success_manager_id, DROP COLUMN tier`.execute(db);
  await sql`
    ALTER TABLE departments DROP COLUMN last_assigned_user_id, DROP COLUMN required_skills,
      DROP COLUMN sticky_owner, DROP COLUMN routing_strategy`.execute(db);
  await sql`
    ALTER TABLE users DROP COLUMN last_active_at, DROP COLUMN presence_changed_at, DROP COLUMN presence,
      DROP COLUMN max_concurrent_chats, DROP COLUMN max_open_tickets, DROP COLUMN skills`.execute(db);
}
