import type { DatabaseEngine } from '@server/db/database';
import { pendingMigrations } from '@server/db/migrate';
import type { Api, RouteDeps } from '@server/http/api';
import { HttpProblem } from '@server/http/problem';
import { sql } from 'kysely';
import { z } from 'zod';

/** Liveness (the process answers) and readiness (the database answers and its schema is current). */
export function registerHealthRoutes(api: Api, { db }: RouteDeps, engine: DatabaseEngine): void {
  api.get('/healthz', {
    schema: {
      tags: ['health'],
      summary: 'The process is alive',
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
    logLevel: 'warn',
    handler: async () => ({ status: 'ok' as const }),
  });

  api.get('/readyz', {
    schema: {
      tags: ['health'],
      summary: 'The database is reachable and migrated; load balancers route traffic only when this is 200',
      response: { 200: z.object({ status: z.literal('ready'), engine: z.enum(['embedded', 'postgres']) }) },
    },
    logLevel: 'warn',
    handler: async () => {
      try {
        await sql`SELECT 1`.execute(db);
      } catch {
        throw new HttpProblem(503, 'database_unreachable', 'The database does not answer');
      }
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        throw new HttpProblem(
          503,
          'migrations_pending',
          `${pending.length} database migrations have not run yet`,
        );
      }
      return { status: 'ready' as const, engine };
    },
  });
}
