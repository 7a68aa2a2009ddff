import type { Api, RouteDeps } from '@server/http/api';
import { z } from 'zod';
import { AdjustableClock } from './clock';

/**
 * Browser journeys move time forward instead of waiting an hour for a deadline. Registered only when the server
 * runs with KEFU_TEST_HOOKS=1; a production server has no such route.
 */
export function registerTestClockRoutes(api: Api, { serviceLevels, realtime, webChat }: RouteDeps): void {
  api.post('/test/widget-outage', {
    schema: { hide: true, body: z.object({ ms: z.number().int().min(0).max(60_000) }) },
    handler: async (request) => ({ dropped: webChat.hub.simulateOutage(request.body.ms) }),
  });

  const { clock } = serviceLevels.deps.tracker.deps;
  api.post('/test/clock', {
    schema: {
      hide: true,
      body: z.object({
        advanceSeconds: z
          .number()
          .min(0)
          .max(90 * 86_400),
      }),
      response: { 200: z.object({ now: z.string(), fired: z.number().int() }) },
    },
    handler: async (request) => {
      if (!(clock instanceof AdjustableClock)) throw new Error('The SLA clock cannot be moved');
      const now = clock.advance(request.body.advanceSeconds);
      const { fired } = await serviceLevels.deps.scheduler.sweep();
      for (const workspace of await serviceLevels.deps.db.selectFrom('workspaces').select('id').execute())
        realtime.poke(workspace.id);
      return { now: now.toISOString(), fired };
    },
  });
}
