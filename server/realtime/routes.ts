import { principalOf } from '@server/auth/principal';
import { resolveSession, SESSION_COOKIE } from '@server/auth/sessions';
import type { Api, RouteDeps } from '@server/http/api';
import type { RealtimeFrame } from '@shared/realtime';
import { z } from 'zod';

/** A client this far behind in reading (a stalled tab) is dropped; it reconnects with `since` and catches up. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const SESSION_CHECK_MS = 60_000;
const PING_MS = 30_000;

export function registerRealtimeRoutes(api: Api, { db, guards, realtime }: RouteDeps): void {
  api.get(
    '/realtime',
    {
      websocket: true,
      schema: {
        tags: ['realtime'],
        summary:
          'WebSocket of the workspace stream: new tickets, messages, assignments, delivery states. Pass `since` (the last seq seen) to receive exactly what was missed.',
        querystring: z.object({ since: z.coerce.number().int().min(0).optional() }),
      },
      preHandler: guards.authorize('tickets', 'read'),
    },
    async (socket, request) => {
      const principal = principalOf(request);
      const send = (frame: RealtimeFrame) => {
        if (socket.readyState !== socket.OPEN) return;
        // Frames meant for web-chat visitors (the agent typing) travel the same bus; agents do not need them.
        if (frame.type === 'ephemeral' && frame.kind.startsWith('visitor.')) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(4008, 'too far behind; reconnect with since');
          return;
        }
        socket.send(JSON.stringify(frame));
      };
      let unsubscribe: (() => void) | null = null;
      let closed = false;
      const timers: NodeJS.Timeout[] = [];
      socket.on('close', () => {
        closed = true;
        unsubscribe?.();
        for (const timer of timers) clearInterval(timer);
      });
      timers.push(setInterval(() => socket.ping(), PING_MS));
      // A session that ends (idle timeout, logout elsewhere) ends the stream too.
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie && principal.via === 'session') {
        timers.push(
          setInterval(async () => {
            const lookup = await resolveSession(db, cookie).catch(() => null);
            if (lookup && lookup.status !== 'active') socket.close(4401, 'session ended');
          }, SESSION_CHECK_MS),
        );
      }
      const since = request.query.since ?? null;
      unsubscribe = await realtime.subscribe(principal.workspaceId, { send }, since);
      if (closed) unsubscribe();
    },
  );
}
