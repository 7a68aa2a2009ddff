/**
 * Statements planned once per connection instead of on every execution (external PostgreSQL only).
 *
 * Kysely sends every statement unnamed, so PostgreSQL parses and plans it each time. For the few statements each
 * group commit runs, that planning was 15 % of PostgreSQL's time per message at 3,000 msg/s (docs/performance.md).
 * A statement whose text ends with PREPARED is sent as a named prepared statement (the name is a hash of the text,
 * so a text needs to be fixed: `= ANY($1)` rather than an `IN` list, rows as one JSON parameter). The embedded
 * engine serves many connections from one session, where names would collide, so it is never used there; nor
 * behind a pooler in transaction mode, which would hand the name to another session.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';

const MARK = '/* prepared */';

/** Append to a statement (`sql` template or a builder's `.modifyEnd(PREPARED)`) to have it prepared. */
export const PREPARED = sql.raw(MARK);

type Query = (...args: unknown[]) => unknown;

/** Statement names by text: the marked texts are a fixed, small set, hashed once per process. */
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `k${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

export function prepareMarkedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    (client as unknown as { query: Query }).query = (...args: unknown[]) => {
      const [text, values] = args;
      if (typeof text !== 'string' || !text.endsWith(MARK) || args.length > 2) return query(...args);
      return query({ name: nameOf(text), text, values });
    };
  });
}
